{
  "format": "hutong-signature-1",
  "algorithm": "ed25519",
  "key_id": "ed25519:76f60398d7cc79f0",
  "signed_file": "report.json",
  "signed_sha256": "3b2e9bf68fd1b91d7e07fc89e725da81a1d0ab233f3e4ebd78225e2136bdfed8",
  "signature": "U/WnSbTScrYWzP1M3Lw0lS3DkC1oL3VNRVmWSPd/KO0+oqDmP1zX4zKGPUAABQUrFjoMaV5iqzOM3xNyOvlVAA=="
}
