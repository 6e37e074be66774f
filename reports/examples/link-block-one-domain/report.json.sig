{
  "format": "hutong-signature-1",
  "algorithm": "ed25519",
  "key_id": "ed25519:7552398a4eeb8fe5",
  "signed_file": "report.json",
  "signed_sha256": "fbb64b965d5370a207f423cb8ae1fce84a52da6cf56598a317328d1679e5a028",
  "signature": "5zzsky9DTjbTIFoW/uiHVCHDfQPJNUOWEELqfbXORoOgw73C+fWAHdmpX/Jplf5Qx7Ea4O5YoTC/zm6+Pz6sBQ=="
}
