{
  "format": "hutong-signature-1",
  "algorithm": "ed25519",
  "key_id": "ed25519:f3beaa5dc375b03b",
  "signed_file": "report.json",
  "signed_sha256": "9ee522e5a059859f9617b7a2114a3081253db4df2d34ceb470189e2da99e3f0f",
  "signature": "4TxzpOWTzZJ6R3CIUdutcL/EczR1ny1r/liGEnYXdtp1B/xV9k6/wrca6K3SJl37/r/hUfhcEFUhmV/zwoLBBA=="
}
