{
  "format": "hutong-signature-1",
  "algorithm": "ed25519",
  "key_id": "ed25519:de5597e51a3851b9",
  "signed_file": "report.json",
  "signed_sha256": "3adb43e8d0ec24e14ea874bf6c901c9901b582c2d8e6bbff53ae9b7cec736fba",
  "signature": "IruwzV9XjejFDK3xhrE9mgXGazAfpnT8Yfn3u8xrtRrNJxzT+3GMHthm5BR7r1xgUO5M7Kb4rsJqmGIO6W2aDQ=="
}
