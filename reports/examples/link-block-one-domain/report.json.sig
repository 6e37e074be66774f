{
  "format": "hutong-signature-1",
  "algorithm": "ed25519",
  "key_id": "ed25519:8752279701ac9eb6",
  "signed_file": "report.json",
  "signed_sha256": "07608ece02c8065135cbde473431c554d0b2c38eeb3a00b6389d4e18fdab9b13",
  "signature": "tH+SJBRCuO8hLeGx6hY58IVyIoVJ/mYsBOYq7k66kYUKMD2ieZaIuQs1978s8cTrmGmuXnm94HznOANYb+iIDw=="
}
