//! A court's house style: how the SOP pages look, and the flowchart's sizes.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::nilai::tanggal::FormatTanggal;

/// How the SOP pages look: a court's house style.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[schemars(description = "Gaya cetak halaman SOP.")]
pub struct Gaya {
    #[schemars(
        description = "Tata letak kepala identitas SOP: tabel (logo dan data berdampingan, seperti PN Bengkalis), daftar (daftar dua kolom di bawah kop, seperti PN Bangil) atau tanpa (hanya judul SOP, seperti PN Tais)."
    )]
    pub kepala: Kepala,
    #[schemars(
        description = "true untuk memberi huruf bagian A. DASAR HUKUM sampai G. ALUR PROSES (seperti PN Tais)."
    )]
    pub huruf_bagian: bool,
    #[schemars(description = "Orientasi halaman SOP: lanskap (bawaan) atau potret.")]
    pub orientasi: Orientasi,
    #[schemars(
        description = "true untuk mencetak \"Waktu yang diperlukan\" (jumlah kolom Waktu) di bawah setiap tabel."
    )]
    pub total_waktu: bool,
    #[schemars(
        description = "Jam kerja dalam sehari untuk menghitung total waktu (bawaan 7.5, yaitu 37,5 jam seminggu)."
    )]
    pub jam_kerja_sehari: f64,
    #[schemars(
        description = "Tulisan yang dicetak di halaman SOP; yang tidak ditulis memakai bawaan."
    )]
    pub label: Label,
    pub format_tanggal: FormatTanggal,
    #[schemars(
        description = "true untuk menulis label `mulai` (bawaan Mulai) di terminator awal dan `selesai` (bawaan Selesai) di terminator akhir."
    )]
    pub tulis_terminator: bool,
    #[schemars(
        description = "Kolom sesudah lajur pelaksana, dalam urutan cetak: kelengkapan, waktu, output, ket, atau kolom sendiri {judul, kunci}. Bawaan: [kelengkapan, waktu, output, ket]."
    )]
    #[schemars(with = "Option<Vec<Kolom>>")]
    pub kolom: Option<Vec<serde_saphyr::Spanned<Kolom>>>,
    #[schemars(
        description = "Cara membaca kolom Waktu: lama (30 Menit, 2 Jam…: diperiksa dan dijumlahkan, bawaan) atau teks (dicetak apa adanya, misalnya Hari ke-1)."
    )]
    pub waktu: JenisWaktu,
    #[schemars(
        description = "Di mana kotak kendali dokumen (`kendali_dokumen`) dan pemberitahuan pemilik (`pemilik`) dicetak: sampul (bawaan), sop (di bawah kepala setiap SOP) atau keduanya."
    )]
    pub kendali_di: KendaliDi,
}

/// One column after the lanes: a bundled one, or a court's own whose
/// values come from each step's `kolom`.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(description = "Satu kolom: nama kolom bawaan, atau {judul, kunci} kolom sendiri.")]
pub enum Kolom {
    #[schemars(description = "kelengkapan, waktu, output atau ket.")]
    Bawaan(String),
    Sendiri(KolomSendiri),
}

/// A court's own column.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Kolom sendiri; isinya ditulis di setiap langkah sebagai `kolom: {KUNCI: teks}`."
)]
pub struct KolomSendiri {
    #[schemars(description = "Judul kolom seperti dicetak, misalnya Dokumen.")]
    pub judul: String,
    #[schemars(
        description = "Nama isinya di langkah, misalnya dokumen untuk `kolom: {dokumen: …}`."
    )]
    pub kunci: String,
    #[serde(default = "ya")]
    #[schemars(description = "true (bawaan) bila kolom ini di bawah judul Mutu Baku.")]
    pub mutu_baku: bool,
}

impl Kolom {
    /// The name a step's values are found under: the bundled column's
    /// name, or the own column's `kunci`.
    pub fn kunci(&self) -> &str {
        match self {
            Kolom::Bawaan(n) => n,
            Kolom::Sendiri(s) => &s.kunci,
        }
    }

    /// Whether the column stands under the Mutu Baku heading: every one
    /// but Ket., and a court's own unless it says otherwise.
    pub fn mutu_baku(&self) -> bool {
        match self {
            Kolom::Bawaan(n) => n != "ket",
            Kolom::Sendiri(s) => s.mutu_baku,
        }
    }
}

fn ya() -> bool {
    true
}

/// The bundled columns, in their default order.
pub const KOLOM_BAWAAN: [&str; 4] = ["kelengkapan", "waktu", "output", "ket"];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "lama (bawaan) atau teks.")]
pub enum JenisWaktu {
    #[default]
    Lama,
    Teks,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "sampul (bawaan), sop atau keduanya.")]
pub enum KendaliDi {
    #[default]
    Sampul,
    Sop,
    Keduanya,
}

impl Default for Gaya {
    fn default() -> Self {
        Gaya {
            kepala: Kepala::Tabel,
            huruf_bagian: false,
            orientasi: Orientasi::Lanskap,
            total_waktu: false,
            jam_kerja_sehari: 7.5,
            label: Label::default(),
            format_tanggal: FormatTanggal::default(),
            tulis_terminator: false,
            kolom: None,
            waktu: JenisWaktu::Lama,
            kendali_di: KendaliDi::Sampul,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "Tata letak kepala identitas SOP.")]
pub enum Kepala {
    #[default]
    Tabel,
    Daftar,
    Tanpa,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "Orientasi halaman SOP.")]
pub enum Orientasi {
    #[default]
    Lanskap,
    Potret,
}

/// The labels of an SOP page, each with its default: [`Label`] holds every
/// one (the booklet's, in `gaya.label`), [`LabelSop`] those one SOP
/// changes (its own `label`).
macro_rules! labels {
    ($($field:ident: $default:literal,)*) => {
        /// Every label printed on an SOP page, so that a court prints its own
        /// words (Aktivitas for Kegiatan, Persyaratan/Perlengkapan for Kelengkapan).
        #[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
        #[serde(deny_unknown_fields, default)]
        #[schemars(description = "Label halaman SOP; label \"\" tidak dicetak.")]
        pub struct Label {
            $(
                #[schemars(description = concat!("Bawaan: ", $default))]
                pub $field: String,
            )*
        }

        impl Default for Label {
            fn default() -> Self {
                Label { $($field: $default.to_string(),)* }
            }
        }

        /// The labels one SOP prints differently from the booklet.
        #[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields, default)]
        #[schemars(description = "Label yang berbeda untuk SOP ini saja; yang tidak ditulis mengikuti `gaya.label` buku.yaml.")]
        pub struct LabelSop {
            $(
                #[schemars(description = concat!("Bawaan: ", $default))]
                pub $field: Option<String>,
            )*
        }

        impl Label {
            /// These labels with those an SOP writes in their place.
            pub fn dengan(&self, own: &LabelSop) -> Label {
                Label {
                    $($field: own.$field.clone().unwrap_or_else(|| self.$field.clone()),)*
                }
            }
        }
    };
}

labels! {
    judul: "STANDAR OPERASIONAL PROSEDUR (SOP)",
    nomor: "Nomor",
    revisi: "Revisi",
    tgl_pembuatan: "Tgl. Pembuatan",
    tgl_revisi: "Tgl. Revisi",
    tgl_efektif: "Tgl. Efektif",
    disahkan: "Disahkan Oleh",
    dasar_hukum: "Dasar Hukum",
    kualifikasi: "Kualifikasi Pelaksanaan",
    keterkaitan: "Keterkaitan",
    peralatan: "Peralatan/Perlengkapan",
    peringatan: "Peringatan",
    pencatatan: "Pencatatan dan Pendataan",
    alur: "Alur Proses",
    no: "No",
    kegiatan: "Kegiatan",
    pelaksana: "Pelaksana",
    mutu_baku: "Mutu Baku",
    kelengkapan: "Kelengkapan",
    waktu: "Waktu",
    output: "Output",
    ket: "Ket.",
    keterangan: "Keterangan",
    waktu_total: "Waktu yang diperlukan",
    mulai: "Mulai",
    selesai: "Selesai",
}

/// Flowchart geometry, in millimetres.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[schemars(description = "Ukuran bagan alir dalam milimeter.")]
pub struct Bagan {
    #[schemars(description = "Lebar simbol (bawaan 12).")]
    pub lebar_simbol: f64,
    #[schemars(description = "Tinggi simbol (bawaan 5.5).")]
    pub tinggi_simbol: f64,
    #[schemars(
        description = "Lebar satu lajur pelaksana (bawaan 22; dipersempit otomatis bila lajur banyak)."
    )]
    pub lebar_lajur: f64,
    #[schemars(
        description = "Tinggi baris terkecil (bawaan 8; baris tumbuh sesuai teks dan gambar)."
    )]
    pub tinggi_baris: f64,
}

impl Default for Bagan {
    fn default() -> Self {
        Bagan {
            lebar_simbol: 12.0,
            tinggi_simbol: 5.5,
            lebar_lajur: 22.0,
            tinggi_baris: 8.0,
        }
    }
}
