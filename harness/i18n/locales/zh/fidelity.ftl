# harness/checks/src/fidelity.rs：记录与其所比较的资源之间的一处差异（OPIS §16）。

fidelity-difference = { $pointer } 在{ $found_in }中为 { $found }，在{ $expected_in }中为 { $expected }
fidelity-difference-where = { $pointer } 在{ $found_in }中为 { $found }，在{ $expected_in }中为 { $expected }（{ $part }）
fidelity-the-record = 该记录
fidelity-absent = 不存在
fidelity-strings-part = 自第 { $position } 个字符起：{ $found } 对 { $expected }
fidelity-the-end = 结尾
