# harness/checks/src/lib.rs: helpers every check uses (transport, status, JSON body).

# A transport failure: the HTTP client's own error text.
checks-transport = { $error }
# `what` names the request or the answer.
checks-unexpected-status = { $what }: expected HTTP { $expected }, got { $status }
checks-unexpected-status-with-body = { $what }: expected HTTP { $expected }, got { $status } ({ $body })
checks-body-not-json = { $what }: the body is not valid JSON: { $error }
checks-body-not-ijson = { $what }: the body is not I-JSON: { $error }
