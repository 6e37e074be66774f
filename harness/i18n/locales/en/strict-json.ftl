# harness/checks/src/strict_json.rs: strict reading of JSON documents (I-JSON, RFC 7493).

strict-json-repeated-member = member name { $name } repeated in one object (RFC 7493 §2.3) at line { $line } column { $column }
strict-json-too-deep = nested deeper than { $max } levels at line { $line } column { $column }
