{
  "format": "hutong-signature-1",
  "algorithm": "ed25519",
  "key_id": "ed25519:7e1faa253bccb48d",
  "signed_file": "report.json",
  "signed_sha256": "de1d5626f508a7fd89b9a32f78a3a7d0d0ec0ced6f6c91730cd1ec0e0f102e49",
  "signature": "PUMWNv/KFiTPKZD/g4a12Bz4q4b9/+kxu25qcKLzDEueFbaIoZ22IfCBiihr3+YDk+l0S+UKm8S6dXe5KmgiBw=="
}
