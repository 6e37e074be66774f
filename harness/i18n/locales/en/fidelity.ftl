# harness/checks/src/fidelity.rs: one difference between a record and the resource it is compared with (OPIS §16).

fidelity-difference = { $pointer } is { $found } in { $found_in }, { $expected } in { $expected_in }
fidelity-difference-where = { $pointer } is { $found } in { $found_in }, { $expected } in { $expected_in } ({ $part })
fidelity-the-record = the record
fidelity-absent = absent

# Where two strings that may look alike part.
fidelity-strings-part = at character { $position }: { $found } against { $expected }
fidelity-the-end = the end
