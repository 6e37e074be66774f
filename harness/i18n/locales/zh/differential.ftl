# harness/checks/src/differential.rs：差异比对（OPIS §8）。

## 声明的易变字段（OPIS §8.2）
differential-too-many-volatile = capabilities.volatile_fields 声明了 { $count } 个指针；OPIS §8.2 最多允许 { $max } 个，以确保比对保留内容
differential-volatile-root = capabilities.volatile_fields 将 ""（整个响应体）声明为易变；OPIS §8.2 只允许指向标量成员的指针
differential-volatile-covers-content = capabilities.volatile_fields 将 { $pointer } 声明为易变，但它在一份被比对的响应中指向{ $kind }；OPIS §8.2 只允许指向标量成员（字符串、数字、布尔值、null）的指针，绝不允许比对会因此丢失的内容
differential-an-object = 一个对象
differential-an-array = 一个数组

## 两份响应的第一处差异
differential-member-missing = { $pointer }：在一份响应中存在，在另一份中缺失
differential-item-count = { $pointer }：{ $left } 项对 { $right } 项
differential-values = { $pointer }：{ $left } 对 { $right }
