# harness/runner/src/steps/open_ecosystem/sunset.rs: deprecated operations keep answering until their Sunset, over runs (OE-20).

steps-oe-sunset-no-earlier-run = no earlier run of this target in its run history (certify --history, OPIS §12): what can only be judged over time is judged from the next run on
steps-oe-sunset-no-history = no run history: an earlier step did not check it
steps-oe-sunset-history-operation = the run history's operation { $operation }: { $error }
