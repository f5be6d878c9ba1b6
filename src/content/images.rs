//! Logos: read from under the content folder only, decoded with the `image`
//! crate (so a broken file is reported, not embedded), and downscaled when
//! far larger than printed.

use std::io::Cursor;
use std::path::Path;

use crate::files::{Akar, Tolak, baca::BATAS_GAMBAR};

use image::{ImageFormat, ImageReader};
use serde_saphyr::Spanned;

use super::yaml;
use crate::diag::Diagnostic;

/// Longest side kept, in pixels: a 4 cm logo at 300 dpi needs ~470 px.
pub const MAX_PX: u32 = 600;

/// A logo ready for Typst: PNG or JPEG bytes.
pub struct Logo {
    pub bytes: Vec<u8>,
}

/// Loads the logo `named` in `file`, a path relative to the content folder.
pub fn load(akar: &Akar, file: &Path, named: &Spanned<String>) -> Result<Logo, Diagnostic> {
    let bytes = read_under(akar, file, named, "logo")?;
    let at = yaml::place(file, &named.referenced);
    prepare(bytes).map_err(|m| Diagnostic::error(format!("logo `{}`: {m}", named.value)).at(at))
}

/// The bytes of a file named in `file`, which must lie inside the content
/// folder (also after following symlinks); `what` names it in messages.
fn read_under(
    akar: &Akar,
    file: &Path,
    named: &Spanned<String>,
    what: &str,
) -> Result<Vec<u8>, Diagnostic> {
    let at = yaml::place(file, &named.referenced);
    akar.baca(&akar.asli.join(&named.value), BATAS_GAMBAR)
        .map_err(|t| {
            let d = Diagnostic::error(format!(
                "{what} `{}` tidak dapat dibaca: {}",
                named.value,
                t.alasan()
            ))
            .at(at);
            match t {
                Tolak::DiLuar => d.hint("salin berkasnya ke dalam folder konten (misalnya `logo/`) dan tulis jalurnya relatif terhadap folder itu"),
                _ => d,
            }
        })
}

/// A signed, scanned Pengesahan page: a PDF (its first page is used) or a
/// PNG/JPEG, checked before Typst sees it.
pub fn pindaian(akar: &Akar, file: &Path, named: &Spanned<String>) -> Result<Vec<u8>, Diagnostic> {
    let what = "pindaian Pengesahan";
    let bytes = read_under(akar, file, named, what)?;
    let at = yaml::place(file, &named.referenced);
    if bytes.starts_with(b"%PDF-") {
        // Read as a whole here, so `check` refuses what the build would.
        let pages = lopdf::Document::load_mem(&bytes).map(|doc| doc.get_pages().len());
        return match pages {
            Ok(n) if n > 0 => Ok(bytes),
            Ok(_) => Err(
                Diagnostic::error(format!("{what} `{}`: PDF tanpa halaman", named.value)).at(at),
            ),
            Err(e) => Err(Diagnostic::error(format!(
                "{what} `{}`: PDF rusak atau tidak dapat dibaca ({e})",
                named.value
            ))
            .at(at)
            .hint("pindai ulang halamannya, atau simpan sebagai PNG/JPEG")),
        };
    }
    let format = image::guess_format(&bytes).ok();
    match format {
        Some(ImageFormat::Png | ImageFormat::Jpeg) => {
            image::load_from_memory(&bytes).map_err(|e| {
                Diagnostic::error(format!(
                    "{what} `{}`: bukan gambar yang sah ({e})",
                    named.value
                ))
                .at(at.clone())
            })?;
            Ok(bytes)
        }
        _ => Err(Diagnostic::error(format!(
            "{what} `{}`: bukan PDF, PNG atau JPEG",
            named.value
        ))
        .at(at)
        .hint("pindai halaman yang sudah ditandatangani sebagai PDF, PNG atau JPEG")),
    }
}

/// Decodes and, if needed, downscales; returns the original bytes when they
/// are a small PNG. A JPEG is written as PNG: Typst reads a logo by its
/// virtual name, which ends in `.png`.
pub fn prepare(bytes: Vec<u8>) -> Result<Logo, String> {
    let reader = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| format!("tidak dapat dibaca: {e}"))?;
    let format = reader.format();
    if !matches!(format, Some(ImageFormat::Png | ImageFormat::Jpeg)) {
        return Err("bukan gambar PNG atau JPEG".into());
    }
    let img = reader
        .decode()
        .map_err(|e| format!("bukan gambar yang sah ({e})"))?;
    let fits = img.width().max(img.height()) <= MAX_PX;
    if fits && format == Some(ImageFormat::Png) {
        return Ok(Logo { bytes });
    }
    let small = match fits {
        true => img,
        false => img.resize(MAX_PX, MAX_PX, image::imageops::FilterType::Lanczos3),
    };
    let mut out = Vec::new();
    small
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|e| format!("gagal diperkecil: {e}"))?;
    Ok(Logo { bytes: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_images_are_downscaled_and_junk_is_rejected() {
        let big = image::RgbImage::from_pixel(3000, 1500, image::Rgb([200, 0, 0]));
        let mut png = Vec::new();
        big.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let logo = prepare(png).unwrap();
        let back = image::load_from_memory(&logo.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (600, 300));
        assert!(prepare(b"not an image".to_vec()).is_err());
    }

    #[test]
    fn a_small_jpeg_is_written_as_png() {
        let small = image::RgbImage::from_pixel(120, 80, image::Rgb([0, 90, 0]));
        let mut jpeg = Vec::new();
        small
            .write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
            .unwrap();
        let logo = prepare(jpeg).unwrap();
        assert!(logo.bytes.starts_with(b"\x89PNG"), "Typst reads it as .png");
        let back = image::load_from_memory(&logo.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (120, 80));
    }
}
