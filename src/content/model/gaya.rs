//! A court's house style: how the SOP pages look, and the flowchart's sizes.

use schemars::JsonSchema;
use serde::Deserialize;

/// How the SOP pages look: a court's house style.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[schemars(description = "Gaya cetak halaman SOP.")]
pub struct Gaya {
    #[schemars(
        description = "Tata letak kepala identitas SOP: tabel (logo dan data berdampingan, seperti PN Bengkalis) atau daftar (daftar dua kolom di bawah kop, seperti PN Bangil)."
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
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "Orientasi halaman SOP.")]
pub enum Orientasi {
    #[default]
    Lanskap,
    Potret,
}

/// Every label printed on an SOP page, so that a court prints its own
/// words (Aktivitas for Kegiatan, Persyaratan/Perlengkapan for Kelengkapan).
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[schemars(description = "Label halaman SOP.")]
pub struct Label {
    #[schemars(description = "Bawaan: STANDAR OPERASIONAL PROSEDUR (SOP)")]
    pub judul: String,
    #[schemars(description = "Bawaan: Nomor")]
    pub nomor: String,
    #[schemars(description = "Bawaan: Revisi")]
    pub revisi: String,
    #[schemars(description = "Bawaan: Tgl. Pembuatan")]
    pub tgl_pembuatan: String,
    #[schemars(description = "Bawaan: Tgl. Revisi")]
    pub tgl_revisi: String,
    #[schemars(description = "Bawaan: Tgl. Efektif")]
    pub tgl_efektif: String,
    #[schemars(description = "Bawaan: Disahkan Oleh")]
    pub disahkan: String,
    #[schemars(description = "Bawaan: Dasar Hukum")]
    pub dasar_hukum: String,
    #[schemars(description = "Bawaan: Kualifikasi Pelaksanaan")]
    pub kualifikasi: String,
    #[schemars(description = "Bawaan: Keterkaitan")]
    pub keterkaitan: String,
    #[schemars(description = "Bawaan: Peralatan/Perlengkapan")]
    pub peralatan: String,
    #[schemars(description = "Bawaan: Peringatan")]
    pub peringatan: String,
    #[schemars(description = "Bawaan: Pencatatan dan Pendataan")]
    pub pencatatan: String,
    #[schemars(description = "Bawaan: Alur Proses (judul bagian G bila huruf_bagian)")]
    pub alur: String,
    #[schemars(description = "Bawaan: No")]
    pub no: String,
    #[schemars(description = "Bawaan: Kegiatan")]
    pub kegiatan: String,
    #[schemars(description = "Bawaan: Pelaksana")]
    pub pelaksana: String,
    #[schemars(description = "Bawaan: Mutu Baku")]
    pub mutu_baku: String,
    #[schemars(description = "Bawaan: Kelengkapan")]
    pub kelengkapan: String,
    #[schemars(description = "Bawaan: Waktu")]
    pub waktu: String,
    #[schemars(description = "Bawaan: Output")]
    pub output: String,
    #[schemars(description = "Bawaan: Ket.")]
    pub ket: String,
    #[schemars(description = "Bawaan: Keterangan")]
    pub keterangan: String,
    #[schemars(description = "Bawaan: Waktu yang diperlukan")]
    pub waktu_total: String,
}

impl Default for Label {
    fn default() -> Self {
        let s = |x: &str| x.to_string();
        Label {
            judul: s("STANDAR OPERASIONAL PROSEDUR (SOP)"),
            nomor: s("Nomor"),
            revisi: s("Revisi"),
            tgl_pembuatan: s("Tgl. Pembuatan"),
            tgl_revisi: s("Tgl. Revisi"),
            tgl_efektif: s("Tgl. Efektif"),
            disahkan: s("Disahkan Oleh"),
            dasar_hukum: s("Dasar Hukum"),
            kualifikasi: s("Kualifikasi Pelaksanaan"),
            keterkaitan: s("Keterkaitan"),
            peralatan: s("Peralatan/Perlengkapan"),
            peringatan: s("Peringatan"),
            pencatatan: s("Pencatatan dan Pendataan"),
            alur: s("Alur Proses"),
            no: s("No"),
            kegiatan: s("Kegiatan"),
            pelaksana: s("Pelaksana"),
            mutu_baku: s("Mutu Baku"),
            kelengkapan: s("Kelengkapan"),
            waktu: s("Waktu"),
            output: s("Output"),
            ket: s("Ket."),
            keterangan: s("Keterangan"),
            waktu_total: s("Waktu yang diperlukan"),
        }
    }
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
