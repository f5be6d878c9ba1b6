//! One SOP file: its information block and its flowchart table(s).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// Per-SOP dates; every one falls back to the booklet's.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Tanggal khusus SOP ini; yang tidak ditulis mengikuti buku.")]
pub struct TanggalSop {
    #[schemars(description = "Tanggal pembuatan SOP ini.")]
    #[schemars(with = "Option<String>")]
    pub pembuatan: Option<Spanned<String>>,
    #[schemars(description = "Tanggal revisi SOP ini; \"-\" bila SOP ini belum pernah direvisi.")]
    #[schemars(with = "Option<String>")]
    pub revisi: Option<Spanned<String>>,
    #[schemars(description = "Tanggal efektif SOP ini.")]
    #[schemars(with = "Option<String>")]
    pub efektif: Option<Spanned<String>>,
}

/// One SOP file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Satu berkas SOP di folder sop/.")]
pub struct Sop {
    #[schemars(description = "Judul SOP, misalnya SURAT MASUK DAN KELUAR.")]
    #[schemars(with = "String")]
    pub judul: Spanned<String>,
    #[schemars(description = "Angka revisi SOP ini.")]
    pub revisi: u32,
    #[serde(default)]
    #[schemars(
        description = "Nomor SOP ini seperti dicetak, misalnya SOP/AS/32; menggantikan pola `nomor` buku.yaml. Boleh memuat {bulan} dan {tahun}."
    )]
    #[schemars(with = "Option<String>")]
    pub nomor: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(description = "Tanggal khusus SOP ini (opsional).")]
    pub tanggal: TanggalSop,
    #[serde(default)]
    #[schemars(description = "Dasar hukum, dicetak bernomor.")]
    pub dasar_hukum: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Kualifikasi pelaksana.")]
    pub kualifikasi: Vec<String>,
    #[serde(default)]
    #[schemars(
        description = "SOP atau prosedur terkait: teks, atau {sop: JUDUL} untuk SOP dalam buku ini."
    )]
    #[schemars(with = "Vec<Keterkaitan>")]
    pub keterkaitan: Vec<Spanned<Keterkaitan>>,
    #[serde(default)]
    #[schemars(description = "Peralatan/perlengkapan.")]
    pub peralatan: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Peringatan bila SOP tidak dilaksanakan.")]
    pub peringatan: Option<String>,
    #[serde(default)]
    #[schemars(description = "Pencatatan dan pendataan.")]
    pub pencatatan: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Lajur bagan alir dari kiri ke kanan, seperti di kepala tabel.")]
    #[schemars(with = "Vec<String>")]
    pub pelaksana: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(description = "Langkah-langkah, satu baris tabel per langkah.")]
    #[schemars(with = "Vec<Langkah>")]
    pub langkah: Vec<Spanned<Langkah>>,
    /// Sub-procedures A, B, C…, each with its own table, instead of one
    /// `pelaksana`/`langkah`.
    #[serde(default)]
    #[schemars(
        description = "Sub-prosedur A, B, C…, masing-masing dengan judul, pelaksana dan langkah sendiri; dipakai sebagai ganti `pelaksana` dan `langkah`."
    )]
    #[schemars(with = "Vec<Prosedur>")]
    pub prosedur: Vec<Spanned<Prosedur>>,
    #[serde(default)]
    #[schemars(description = "Catatan di bawah tabel (Keterangan): teks atau daftar paragraf.")]
    pub keterangan: Option<SatuAtauBanyak>,
    #[serde(default)]
    #[schemars(
        description = "\"Waktu yang diperlukan\" seperti dicetak di bawah tabel, misalnya \"1.500 menit\"; menggantikan jumlah hitungan."
    )]
    pub waktu_total: Option<String>,
    #[serde(default)]
    #[schemars(description = "Label halaman SOP yang berbeda untuk SOP ini saja.")]
    pub label: super::LabelSop,
    #[serde(default)]
    #[schemars(
        description = "Kolom sesudah lajur pelaksana untuk SOP ini saja; bawaan `gaya.kolom` buku.yaml."
    )]
    #[schemars(with = "Option<Vec<super::Kolom>>")]
    pub kolom: Option<Vec<Spanned<super::Kolom>>>,
}

/// One sub-procedure of an SOP: its own lanes and steps.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Satu sub-prosedur dengan tabelnya sendiri.")]
pub struct Prosedur {
    #[schemars(description = "Judul sub-prosedur, misalnya Penerimaan Surat Masuk.")]
    pub judul: String,
    #[schemars(description = "Lajur bagan alir sub-prosedur ini.")]
    #[schemars(with = "Vec<String>")]
    pub pelaksana: Vec<Spanned<String>>,
    #[schemars(description = "Langkah-langkah sub-prosedur ini.")]
    #[schemars(with = "Vec<Langkah>")]
    pub langkah: Vec<Spanned<Langkah>>,
    #[serde(default)]
    #[schemars(
        description = "\"Waktu yang diperlukan\" sub-prosedur ini seperti dicetak; menggantikan jumlah hitungan."
    )]
    pub waktu_total: Option<String>,
}

/// One flowchart table of an SOP, whether the SOP has one or several.
#[derive(Debug, Clone, Copy)]
pub struct Alur<'a> {
    /// The sub-procedure's title; `None` for an SOP with a single table.
    pub judul: Option<&'a str>,
    /// Where a message about the whole table points: the sub-procedure,
    /// or the SOP's title.
    pub tempat: &'a serde_saphyr::Location,
    pub pelaksana: &'a [Spanned<String>],
    pub langkah: &'a [Spanned<Langkah>],
    /// The total time as the content writes it, if it does.
    pub waktu_total: Option<&'a str>,
}

impl Sop {
    /// The SOP's flowchart tables, in printed order.
    pub fn alur(&self) -> Vec<Alur<'_>> {
        if self.prosedur.is_empty() {
            return vec![Alur {
                judul: None,
                tempat: &self.judul.referenced,
                pelaksana: &self.pelaksana,
                langkah: &self.langkah,
                waktu_total: self.waktu_total.as_deref(),
            }];
        }
        self.prosedur
            .iter()
            .map(|p| Alur {
                judul: Some(&p.value.judul),
                tempat: &p.referenced,
                pelaksana: &p.value.pelaksana,
                langkah: &p.value.langkah,
                waktu_total: p.value.waktu_total.as_deref(),
            })
            .collect()
    }
}

/// One row of the flowchart table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Satu langkah (baris tabel).")]
pub struct Langkah {
    #[schemars(description = "Uraian kegiatan.")]
    pub kegiatan: String,
    #[schemars(
        description = "Pelaksana langkah ini: satu nama dari `pelaksana` SOP, atau daftar nama bila dikerjakan bersama."
    )]
    #[schemars(with = "SatuAtauBanyak")]
    pub pelaksana: Spanned<SatuAtauBanyak>,
    #[serde(default)]
    #[schemars(description = "Kelengkapan (Mutu Baku): teks atau daftar teks.")]
    pub kelengkapan: Option<SatuAtauBanyak>,
    #[serde(default)]
    #[schemars(
        description = "Waktu (Mutu Baku), misalnya 30 Menit, 2 Jam, 1 Hari Kerja, atau Relatif."
    )]
    #[schemars(with = "Option<String>")]
    pub waktu: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(description = "Output (Mutu Baku).")]
    pub output: Option<String>,
    #[serde(default)]
    #[schemars(description = "Keterangan.")]
    pub ket: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Isi kolom sendiri (`gaya.kolom` atau `kolom` SOP), misalnya {dokumen: Surat Kuasa}."
    )]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub kolom: std::collections::BTreeMap<String, Spanned<String>>,
    /// The last step (of this table) whose Mutu Baku cells merge with this
    /// step's.
    #[serde(default)]
    #[schemars(
        description = "Nomor langkah terakhir yang berbagi sel Mutu Baku (Kelengkapan, Waktu, Output …) langkah ini: satu sel gabungan dari langkah ini sampai langkah itu; langkah-langkah di antaranya tidak menulis isi kolom Mutu Baku."
    )]
    #[schemars(with = "Option<u32>")]
    pub mutu_baku_sampai: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(description = "Langkah keputusan (belah ketupat): ke mana Ya dan Tidak menuju.")]
    #[schemars(with = "Option<Keputusan>")]
    pub keputusan: Option<Spanned<Keputusan>>,
    /// The step to go to instead of the next one.
    #[serde(default)]
    #[schemars(description = "Nomor langkah tujuan bila bukan langkah berikutnya.")]
    #[schemars(with = "Option<u32>")]
    pub lanjut: Option<Spanned<u32>>,
    /// The procedure ends at this step.
    #[serde(default)]
    #[schemars(description = "true bila prosedur berakhir di langkah ini.")]
    pub selesai: bool,
    /// The procedure (also) starts at this step.
    #[serde(default)]
    #[schemars(
        description = "true bila prosedur (juga) dimulai di langkah ini: terminator tanpa panah masuk, misalnya awal jalur kedua."
    )]
    pub mulai: bool,
    /// A symbol other than the computed one (first and last steps are
    /// terminators, the rest processes).
    #[serde(default)]
    #[schemars(description = "Simbol pengganti: terminator atau proses.")]
    pub simbol: Option<SimbolLangkah>,
}

/// A decision: where "Ya" and "Tidak" go, by step number, and what their
/// arrows say. An exit left out is reported by the flow check.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Dua jalan keluar sebuah keputusan.")]
pub struct Keputusan {
    #[serde(default)]
    #[schemars(description = "Nomor langkah tujuan jika Ya.")]
    #[schemars(with = "Option<u32>")]
    pub ya: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(description = "Nomor langkah tujuan jika Tidak.")]
    #[schemars(with = "Option<u32>")]
    pub tidak: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(description = "Tulisan di panah Ya (bawaan \"Ya\").")]
    pub label_ya: Option<String>,
    #[serde(default)]
    #[schemars(description = "Tulisan di panah Tidak (bawaan \"Tidak\").")]
    pub label_tidak: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "Simbol langkah.")]
pub enum SimbolLangkah {
    Terminator,
    Proses,
}

/// A related procedure: free text, or `{sop: JUDUL}` naming an SOP of this
/// booklet, which is checked to exist.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(description = "Keterkaitan: teks bebas, atau rujukan ke SOP dalam buku ini.")]
pub enum Keterkaitan {
    Teks(String),
    Rujukan {
        #[schemars(description = "Judul SOP dalam buku ini.")]
        sop: String,
    },
}

impl Keterkaitan {
    /// The text printed in the booklet.
    pub fn teks(&self) -> String {
        match self {
            Keterkaitan::Teks(t) => t.clone(),
            Keterkaitan::Rujukan { sop } => format!("SOP {sop}"),
        }
    }
}

/// A value written either as one string or as a list of strings.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(description = "Satu teks atau daftar teks.")]
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
