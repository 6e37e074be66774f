//! Open formats: generated samples of open media types (PNG, JPEG, UTF-8 text) and the checks
//! that what the platform exports is the same bytes with the same media type.

use hutong_model::{msg, Message};

/// The PNG file signature (PNG specification, RFC 2083 §3.1).
pub const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// CRC-32 (ISO 3309, as PNG uses it: RFC 2083 §3.4).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// Adler-32 (RFC 1950 §8), the checksum of a zlib stream.
fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in bytes {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A valid 4×4 RGB PNG whose pixels derive from `seed` (so each run uploads different bytes),
/// with the image data in one stored (uncompressed) deflate block.
#[allow(clippy::same_item_push, reason = "one filter byte starts each scanline")]
pub fn sample_png(seed: u64) -> Vec<u8> {
    const SIDE: u32 = 4;
    let mut raw = Vec::new();
    let mut state = seed | 1;
    for _ in 0..SIDE {
        raw.push(0); // filter type: none
        for _ in 0..SIDE * 3 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            raw.push((state & 0xFF) as u8);
        }
    }
    let len = u16::try_from(raw.len()).expect("small image");
    let mut zlib = vec![0x78, 0x01, 0x01];
    zlib.extend_from_slice(&len.to_le_bytes());
    zlib.extend_from_slice(&(!len).to_le_bytes());
    zlib.extend_from_slice(&raw);
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&SIDE.to_be_bytes());
    ihdr.extend_from_slice(&SIDE.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, deflate, adaptive filtering, no interlace
    let mut out = PNG_SIGNATURE.to_vec();
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &zlib);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// A valid baseline JPEG (ISO/IEC 10918-1) of one 8×8 grey block, carrying `seed` in a comment
/// segment (so each run uploads different bytes). Its Huffman tables have one code each: DC
/// difference category 0 and end-of-block, so the entropy-coded data is a single byte.
pub fn sample_jpeg(seed: u64) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8]; // SOI
    // APP0 JFIF 1.01, no thumbnail.
    out.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
    // COM: the seed.
    let comment = format!("sample {seed:016x}");
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&u16::try_from(comment.len() + 2).expect("short").to_be_bytes());
    out.extend_from_slice(comment.as_bytes());
    // DQT: table 0, 8-bit, all ones.
    out.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x43, 0x00]);
    out.extend_from_slice(&[1u8; 64]);
    // SOF0: 8-bit, 8×8, one component (id 1, sampling 1×1, table 0).
    out.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]);
    // DHT: DC table 0 with one 1-bit code for category 0; AC table 0 with one 1-bit code for EOB.
    let mut one_code = [0u8; 16];
    one_code[0] = 1;
    for class_and_id in [0x00u8, 0x10] {
        out.extend_from_slice(&[0xFF, 0xC4, 0x00, 0x14, class_and_id]);
        out.extend_from_slice(&one_code);
        out.push(0x00);
    }
    // SOS: one component, tables 0/0, full spectral range.
    out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    // Entropy-coded data: DC "0", EOB "0", padded with ones.
    out.push(0b0011_1111);
    out.extend_from_slice(&[0xFF, 0xD9]); // EOI
    out
}

/// A UTF-8 text sample with Chinese and ASCII characters and `seed`.
pub fn sample_text(seed: u64) -> Vec<u8> {
    format!("互通 open-format sample {seed:016x}\n数据可携带，格式开放。\n").into_bytes()
}

/// Whether `bytes` start (and end, for JPEG) with the magic bytes of `media` (its essence).
pub fn magic_matches(media: &str, bytes: &[u8]) -> bool {
    match media {
        "image/png" => bytes.starts_with(PNG_SIGNATURE),
        "image/jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]) && bytes.ends_with(&[0xFF, 0xD9]),
        "text/plain" => std::str::from_utf8(bytes).is_ok(),
        _ => false,
    }
}

/// The essence (type/subtype, lower case) of a `Content-Type` value.
pub fn essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// How an exported sample differs from what was imported, or `Ok`: the same media type (for
/// text, a charset other than UTF-8 is a difference), magic bytes matching it, the same bytes.
/// `Err` says how.
pub fn check_round_trip(media: &str, sent: &[u8], content_type: Option<&str>, received: &[u8]) -> Result<(), Message> {
    let served = content_type.unwrap_or_default();
    if essence(served) != media {
        return Err(if served.is_empty() {
            msg!("formats-exported-without-media-type", media = media)
        } else {
            msg!("formats-exported-as", served = format!("{served:?}"), media = media)
        });
    }
    if media == "text/plain" {
        let charset = served.split(';').skip(1).filter_map(|p| p.split_once('=')).find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"));
        if let Some((_, v)) = charset.filter(|(_, v)| !v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")) {
            return Err(msg!("formats-text-charset", charset = format!("{:?}", v.trim())));
        }
    }
    if !magic_matches(media, received) {
        return Err(msg!("formats-magic-bytes", media = media));
    }
    if sent != received {
        return Err(msg!("formats-bytes-differ", sent = sent.len(), received = received.len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_carry_their_magic_bytes() {
        assert!(magic_matches("image/png", &sample_png(7)));
        assert!(magic_matches("image/jpeg", &sample_jpeg(7)));
        assert!(magic_matches("text/plain", &sample_text(7)));
        assert!(!magic_matches("image/png", &sample_jpeg(7)));
        assert_ne!(sample_png(1), sample_png(2));
    }

    #[test]
    fn crc_matches_the_png_reference_value() {
        // The CRC of an IEND chunk type with no data is fixed by the PNG specification.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn round_trips() {
        let png = sample_png(3);
        assert!(check_round_trip("image/png", &png, Some("image/png"), &png).is_ok());
        assert!(check_round_trip("image/png", &png, Some("application/octet-stream"), &png).is_err());
        assert!(check_round_trip("text/plain", b"a", Some("text/plain; charset=gbk"), b"a").is_err());
        assert!(check_round_trip("text/plain", b"a", Some("text/plain; charset=utf-8"), b"a").is_ok());
        assert!(check_round_trip("image/png", &png, Some("image/png"), &png[..png.len() - 1]).is_err());
    }
}
