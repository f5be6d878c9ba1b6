//! Logos: read from under the content folder only, decoded with the `image`
//! crate (so a broken file is reported, not embedded), and downscaled when
//! far larger than printed.

use std::io::Cursor;
use std::path::Path;

use image::{ImageFormat, ImageReader};
use serde_saphyr::Spanned;

use super::{assets, yaml};
use crate::diag::{Diagnostic, io_reason};

/// Longest side kept, in pixels: a 4 cm logo at 300 dpi needs ~470 px.
pub const MAX_PX: u32 = 600;

/// A logo ready for Typst: PNG or JPEG bytes.
pub struct Logo {
    pub bytes: Vec<u8>,
}

/// Loads a logo named in `file` (relative to `root`), or the bundled
/// placeholder `fallback` when none is named.
pub fn load(
    root: &Path,
    file: &Path,
    named: Option<&Spanned<String>>,
    fallback: &str,
) -> Result<Logo, Diagnostic> {
    let Some(named) = named else {
        let bytes = assets::bundled_logo(fallback).expect("bundled logo exists");
        return Ok(Logo {
            bytes: bytes.to_vec(),
        });
    };
    let bytes = read_under(root, file, named, "logo")?;
    let at = yaml::place(file, &named.referenced);
    prepare(bytes).map_err(|m| Diagnostic::error(format!("logo `{}`: {m}", named.value)).at(at))
}

/// The bytes of a file named in `file`, which must lie inside `root` (also
/// after following symlinks); `what` names it in messages.
fn read_under(
    root: &Path,
    file: &Path,
    named: &Spanned<String>,
    what: &str,
) -> Result<Vec<u8>, Diagnostic> {
    let at = yaml::place(file, &named.referenced);
    let err = |m: String| Diagnostic::error(m).at(at.clone());
    let path = root.join(&named.value);
    let real = path.canonicalize().map_err(|e| {
        err(format!(
            "{what} `{}` tidak dapat dibuka: {}",
            named.value,
            io_reason(&e)
        ))
    })?;
    let root_real = root.canonicalize().map_err(|e| err(e.to_string()))?;
    if !real.starts_with(&root_real) {
        return Err(err(format!("{what} `{}` berada di luar folder konten", named.value))
            .hint("salin berkasnya ke dalam folder konten (misalnya `logo/`) dan tulis jalurnya relatif terhadap folder itu"));
    }
    std::fs::read(&real).map_err(|e| {
        err(format!(
            "{what} `{}` tidak dapat dibaca: {}",
            named.value,
            io_reason(&e)
        ))
    })
}

/// A signed, scanned Pengesahan page: a PDF (its first page is used) or a
/// PNG/JPEG, checked before Typst sees it.
pub fn pindaian(root: &Path, file: &Path, named: &Spanned<String>) -> Result<Vec<u8>, Diagnostic> {
    let what = "pindaian Pengesahan";
    let bytes = read_under(root, file, named, what)?;
    let at = yaml::place(file, &named.referenced);
    if bytes.starts_with(b"%PDF-") {
        return Ok(bytes);
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
/// are already small.
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
    if img.width().max(img.height()) <= MAX_PX {
        return Ok(Logo { bytes });
    }
    let small = img.resize(MAX_PX, MAX_PX, image::imageops::FilterType::Lanczos3);
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
}
