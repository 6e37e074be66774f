# harness/checks/src/differential.rs: differential comparison (OPIS §8).

## Declared volatile fields (OPIS §8.2)
differential-too-many-volatile = capabilities.volatile_fields declares { $count } pointers; OPIS §8.2 allows at most { $max }, so that the comparison keeps the content
differential-volatile-root = capabilities.volatile_fields declares "" (the whole body) volatile; OPIS §8.2 allows only pointers to scalar members
differential-volatile-covers-content = capabilities.volatile_fields declares { $pointer } volatile, but it resolves to { $kind } in a compared answer; OPIS §8.2 allows only pointers to scalar members (string, number, boolean, null), never content the comparison would lose
differential-an-object = an object
differential-an-array = an array

## The first difference between two answers
differential-member-missing = { $pointer }: present in one answer, missing in the other
differential-item-count = { $pointer }: { $left } items against { $right }
differential-values = { $pointer }: { $left } against { $right }
