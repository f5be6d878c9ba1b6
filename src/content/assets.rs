//! Files the binary carries (templates, fonts, placeholder logos) and a
//! content folder's own replacements for them, loaded with the logos and
//! the scanned Pengesahan the booklet names: everything a build reads
//! besides the YAML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};

use serde_saphyr::Spanned;

use super::model::LOGO_CONTOH;
use super::{Content, images};
use crate::diag::{Diagnostic, Diagnostics};
use crate::files::baca::{BATAS_FONT, BATAS_TEMPLAT};
use crate::files::{Akar, Tolak};

/// The bundled templates by name, each a part a court may replace on its
/// own (`include_str!` makes cargo rebuild when one is edited).
pub const BUNDLED: [(&str, &str); 17] = {
    macro_rules! t {
        ($($name:literal),* $(,)?) => {
            [$(($name, include_str!(concat!("../../templates/", $name)))),*]
        };
    }
    t!(
        "buku.typ.j2",
        "bukusop.typ",
        "sampul.typ.j2",
        "sampul_dalam.typ.j2",
        "pengesahan.typ.j2",
        "kata_pengantar.typ.j2",
        "daftar_isi.typ.j2",
        "daftar_nomor.typ.j2",
        "makna_simbol.typ.j2",
        "riwayat.typ.j2",
        "sop.typ.j2",
        "kepala_tabel.typ.j2",
        "kepala_daftar.typ.j2",
        "kepala_tanpa.typ.j2",
        "informasi.typ.j2",
        "kolom_bagan.typ.j2",
        "sel_bagan.typ.j2",
    )
};
static FONTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/fonts");
static LOGOS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/logos");

/// Template sources by name: the bundled ones, each replaced by a file of
/// the same name in the content folder's `templates/`.
#[derive(Clone, Default)]
pub struct Templates {
    parts: Arc<BTreeMap<String, String>>,
    /// The content folder's own parts, by name, with their files.
    own: Arc<BTreeMap<String, PathBuf>>,
}

impl Templates {
    pub fn load(akar: &Akar) -> Result<Templates, Diagnostics> {
        let mut map = BTreeMap::new();
        for (name, text) in BUNDLED {
            map.insert(name.to_string(), text.to_string());
        }
        let mut diags = Diagnostics::default();
        let mut own_parts = BTreeMap::new();
        let own = akar.asli.join("templates");
        let unreadable = |p: &Path, t: Tolak| {
            Diagnostic::error(format!(
                "templat `{}` tidak dapat dibaca: {}",
                p.display(),
                t.alasan()
            ))
        };
        match akar.daftar(&own) {
            Ok(entries) => {
                for p in entries.into_iter().flatten() {
                    let Some(name) = p.file_name().and_then(|n| n.to_str()).map(str::to_string)
                    else {
                        continue;
                    };
                    match akar.baca_teks(&p, BATAS_TEMPLAT) {
                        Ok(text) => {
                            own_parts.insert(name.clone(), p.clone());
                            map.insert(name, text);
                        }
                        Err(t) => diags.push(unreadable(&p, t)),
                    }
                }
            }
            Err(t) => diags.push(unreadable(&own, t)),
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(Templates {
                parts: Arc::new(map),
                own: Arc::new(own_parts),
            })
        }
    }

    pub fn get(&self, name: &str) -> Option<String> {
        self.parts.get(name).cloned()
    }

    /// The content folder's own parts: name and file.
    pub fn own(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.own.iter().map(|(n, p)| (n.as_str(), p.as_path()))
    }

    /// Whether part `name` is the bundled one (no court's own text).
    pub fn is_bundled(&self, name: &str) -> bool {
        self.parts.get(name).map(String::as_str) == Self::bundled(name)
    }

    /// The bundled text of part `name`.
    pub fn bundled(name: &str) -> Option<&'static str> {
        BUNDLED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }
}

/// The bundled font files.
#[cfg(test)]
pub(crate) fn bundled_fonts() -> Vec<Vec<u8>> {
    fonts(Vec::new())
}

/// Font files: the bundled ones plus the readable ones of `own` (from
/// [`own_fonts`]).
fn fonts(own: Vec<(PathBuf, Result<Vec<u8>, Tolak>)>) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = FONTS
        .files()
        .filter(|f| is_font(f.path()))
        .map(|f| f.contents().to_vec())
        .collect();
    out.extend(own.into_iter().filter_map(|(_, b)| b.ok()));
    out
}

/// The font files of the content folder's `fonts/`, in name order, each
/// with its bytes or the reason it could not be read.
fn own_fonts(akar: &Akar) -> Vec<(PathBuf, Result<Vec<u8>, Tolak>)> {
    let dir = akar.asli.join("fonts");
    match akar.daftar(&dir) {
        Ok(entries) => entries
            .into_iter()
            .flatten()
            .filter(|p| is_font(p))
            .map(|p| {
                let bytes = akar.baca(&p, BATAS_FONT);
                (p, bytes)
            })
            .collect(),
        Err(t) => vec![(dir, Err(t))],
    }
}

fn is_font(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|x| x.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("ttf" | "otf" | "ttc")
    )
}

/// A bundled placeholder logo by file name.
pub fn bundled_logo(name: &str) -> Option<&'static [u8]> {
    LOGOS.get_file(name).map(|f| f.contents())
}

/// Everything a build reads besides the YAML, loaded once.
pub struct Resources {
    pub templates: Templates,
    /// The logos the booklet names (bytes ready for Typst); one not named
    /// is not printed.
    pub logo_pengadilan: Option<Vec<u8>>,
    pub logo_berakhlak: Option<Vec<u8>>,
    pub logo_bangga: Option<Vec<u8>>,
    /// The signed, scanned Pengesahan page, if the booklet names one.
    pub pindaian: Option<Vec<u8>>,
    /// Bundled fonts and the content folder's own.
    pub fonts: Vec<Vec<u8>>,
}

impl Resources {
    /// Loads the templates, logos, scan and fonts of the content folder;
    /// reports every one that cannot be used.
    pub fn load(c: &Content) -> Result<Resources, Diagnostics> {
        let mut d = Diagnostics::default();
        let templates = Templates::load(&c.akar).map_err(|e| d.extend(e)).ok();
        let b = &c.buku;
        // A logo not named is not printed; `contoh` is the bundled placeholder.
        let mut logo = |named: Option<&Spanned<String>>, contoh| match named {
            None => Some(None),
            Some(n) if n.value == LOGO_CONTOH => bundled_logo(contoh).map(|b| Some(b.to_vec())),
            Some(n) => images::load(&c.akar, &c.buku_file, n)
                .map(|l| Some(l.bytes))
                .map_err(|e| d.push(e))
                .ok(),
        };
        let pengadilan = logo(b.pengadilan.logo.as_ref(), "logo-pengadilan.png");
        let berakhlak = logo(b.sampul.logo_berakhlak.as_ref(), "berakhlak.png");
        let bangga = logo(b.sampul.logo_bangga.as_ref(), "bangga-melayani-bangsa.png");
        let pindaian = b.pengesahan_pindaian.as_ref().map(|named| {
            images::pindaian(&c.akar, &c.buku_file, named)
                .map_err(|e| d.push(e))
                .ok()
        });
        let own = own_fonts(&c.akar);
        d.extend(unusable_fonts(&own));
        match (templates, pengadilan, berakhlak, bangga, pindaian) {
            (Some(templates), Some(p), Some(a), Some(g), pindaian) if !d.has_errors() => {
                Ok(Resources {
                    templates,
                    logo_pengadilan: p,
                    logo_berakhlak: a,
                    logo_bangga: g,
                    pindaian: pindaian.flatten(),
                    fonts: fonts(own),
                })
            }
            _ => Err(d),
        }
    }
}

/// Font files of the content folder's `fonts/` that Typst cannot use.
fn unusable_fonts(own: &[(PathBuf, Result<Vec<u8>, Tolak>)]) -> Diagnostics {
    let mut d = Diagnostics::default();
    for (path, bytes) in own {
        let problem = match bytes {
            Err(t) => Some(t.alasan()),
            Ok(b) => koleksi_berlebihan(b).or_else(|| {
                (typst::text::Font::iter(typst::foundations::Bytes::new(b.clone()))
                    .next()
                    .is_none())
                .then(|| "isinya bukan fon TrueType/OpenType yang dapat dibaca".to_string())
            }),
        };
        if let Some(why) = problem {
            d.push(
                Diagnostic::error(format!("fon `{}` tidak dapat dipakai: {why}", path.display()))
                    .hint("hapus berkas itu dari folder `fonts/`, atau ganti dengan berkas .ttf/.otf yang utuh"),
            );
        }
    }
    d
}

/// Faces one font collection (`.ttc`) may hold: the number is read from
/// its header, and each face is loaded (a 16-byte file claiming four
/// billion took 40 s; 200,000 copies of one face 1 GB).
const WAJAH_MAKS: u32 = 64;

/// Why a font collection's header is refused, if it is.
fn koleksi_berlebihan(b: &[u8]) -> Option<String> {
    if !b.starts_with(b"ttcf") {
        return None;
    }
    let n = b
        .get(8..12)
        .map(|x| u32::from_be_bytes([x[0], x[1], x[2], x[3]]))?;
    (n == 0 || n > WAJAH_MAKS || 12 + 4 * n as usize > b.len()).then(|| {
        format!(
            "koleksi fon .ttc menyatakan {n} wajah huruf; yang dapat dipakai 1 sampai {WAJAH_MAKS}"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::BUNDLED;

    #[test]
    fn a_font_collection_claiming_too_many_faces_is_refused_at_once() {
        let mut ttc = b"ttcf\0\x01\0\0".to_vec();
        ttc.extend_from_slice(&u32::MAX.to_be_bytes());
        ttc.extend_from_slice(&[0, 0, 0, 16]);
        let t = std::time::Instant::now();
        assert_eq!(
            super::koleksi_berlebihan(&ttc).as_deref(),
            Some(
                "koleksi fon .ttc menyatakan 4294967295 wajah huruf; yang dapat dipakai 1 sampai 64"
            )
        );
        assert!(t.elapsed() < std::time::Duration::from_millis(50));
        assert_eq!(super::koleksi_berlebihan(b"\0\x01\0\0 a font"), None);
    }

    #[test]
    fn every_template_file_is_bundled() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let mut bundled: Vec<String> = BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
        files.sort();
        bundled.sort();
        assert_eq!(files, bundled);
    }
}
