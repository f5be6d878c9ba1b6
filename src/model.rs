//! The content as typed data, exactly as the YAML files spell it.
//!
//! Keys are the Indonesian words printed in the booklet. Values that later
//! checks must point at (dates, NIPs, role names) keep their YAML location.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// `buku.yaml`: everything that is the same for every SOP of the booklet.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Buku {
    pub pengadilan: Pengadilan,
    pub unit: Unit,
    pub tahun: i32,
    pub tanggal: Tanggal,
    pub pejabat: Pejabat,
    /// Number pattern, e.g. `{urut}/KPN.W4-U2/SOP.PTIP/OT1.2/{bulan}/{tahun}`.
    pub nomor: Spanned<String>,
    #[serde(default)]
    pub kertas: Kertas,
    /// Output file name without `.pdf`; defaults to `sop-<kode>-<tahun>`.
    #[serde(default)]
    pub berkas: Option<String>,
    #[serde(default)]
    pub sampul: Sampul,
    #[serde(default)]
    pub format_nip: FormatNip,
    #[serde(default)]
    pub bagan: Bagan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pengadilan {
    /// e.g. `Pengadilan Negeri Bengkalis`.
    pub nama: String,
    pub kelas: Option<String>,
    pub alamat: String,
    /// Shorter address for the SOP page header; defaults to `alamat`.
    pub alamat_singkat: Option<String>,
    pub telepon: Option<String>,
    pub faks: Option<String>,
    pub whatsapp: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// Path relative to the content folder; the bundled placeholder if absent.
    pub logo: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// e.g. `PERENCANAAN, TI DAN PELAPORAN`.
    pub nama: String,
    /// e.g. `SUBBAG`.
    pub jenis: String,
    /// e.g. `PTIP`.
    pub kode: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tanggal {
    pub pembuatan: Spanned<String>,
    pub revisi: Spanned<String>,
    pub efektif: Spanned<String>,
}

/// Per-SOP dates; every one falls back to the booklet's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TanggalSop {
    pub pembuatan: Option<Spanned<String>>,
    pub revisi: Option<Spanned<String>>,
    pub efektif: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pejabat {
    pub penyusun: Orang,
    pub pemeriksa: Orang,
    pub pengesah: Orang,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Orang {
    /// The position without the court's name, e.g. `Ketua`.
    pub jabatan: String,
    pub nama: String,
    pub nip: Spanned<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Kertas {
    #[default]
    A4,
    F4,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatNip {
    /// `19780302 200212 1 005`
    #[default]
    Berkelompok,
    /// `197803022002121005`
    Polos,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sampul {
    pub logo_berakhlak: Option<Spanned<String>>,
    pub logo_bangga: Option<Spanned<String>>,
}

/// Flowchart geometry, in millimetres.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Bagan {
    pub lebar_simbol: f64,
    pub tinggi_simbol: f64,
    pub lebar_lajur: f64,
    pub tinggi_baris: f64,
}

impl Default for Bagan {
    fn default() -> Self {
        Bagan {
            lebar_simbol: 12.0,
            tinggi_simbol: 5.5,
            lebar_lajur: 22.0,
            tinggi_baris: 11.0,
        }
    }
}

/// One SOP file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sop {
    pub judul: Spanned<String>,
    pub revisi: u32,
    #[serde(default)]
    pub tanggal: TanggalSop,
    #[serde(default)]
    pub dasar_hukum: Vec<String>,
    #[serde(default)]
    pub kualifikasi: Vec<String>,
    #[serde(default)]
    pub keterkaitan: Vec<Keterkaitan>,
    #[serde(default)]
    pub peralatan: Vec<String>,
    #[serde(default)]
    pub peringatan: Option<String>,
    #[serde(default)]
    pub pencatatan: Vec<String>,
    pub pelaksana: Vec<Spanned<String>>,
    pub langkah: Vec<Spanned<Langkah>>,
}

/// One row of the flowchart table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Langkah {
    pub kegiatan: String,
    pub pelaksana: Spanned<SatuAtauBanyak>,
    #[serde(default)]
    pub kelengkapan: Option<SatuAtauBanyak>,
    #[serde(default)]
    pub waktu: Option<Spanned<String>>,
    #[serde(default)]
    pub output: Option<String>,
    #[serde(default)]
    pub ket: Option<String>,
    #[serde(default)]
    pub keputusan: Option<Spanned<Keputusan>>,
    /// The step to go to instead of the next one.
    #[serde(default)]
    pub lanjut: Option<Spanned<u32>>,
    /// The procedure ends at this step.
    #[serde(default)]
    pub selesai: bool,
    /// A symbol other than the computed one (first and last steps are
    /// terminators, the rest processes).
    #[serde(default)]
    pub simbol: Option<SimbolLangkah>,
}

/// A decision: where "Ya" and "Tidak" go, by step number, and what their
/// arrows say. An exit left out is reported by the flow check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keputusan {
    #[serde(default)]
    pub ya: Option<Spanned<u32>>,
    #[serde(default)]
    pub tidak: Option<Spanned<u32>>,
    #[serde(default)]
    pub label_ya: Option<String>,
    #[serde(default)]
    pub label_tidak: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SimbolLangkah {
    Terminator,
    Proses,
}

/// A related procedure: free text, or `{sop: JUDUL}` naming an SOP of this
/// booklet, which is checked to exist.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Keterkaitan {
    Teks(String),
    Rujukan { sop: Spanned<String> },
}

/// A value written either as one string or as a list of strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum SatuAtauBanyak {
    Satu(String),
    Banyak(Vec<String>),
}

impl SatuAtauBanyak {
    pub fn items(&self) -> Vec<String> {
        match self {
            SatuAtauBanyak::Satu(s) => vec![s.clone()],
            SatuAtauBanyak::Banyak(v) => v.clone(),
        }
    }
}
