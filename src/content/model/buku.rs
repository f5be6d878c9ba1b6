//! `buku.yaml`: everything that is the same for every SOP of the booklet.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::gaya::{Bagan, Gaya};
use crate::nilai::nip::FormatNip;

/// `buku.yaml`: everything that is the same for every SOP of the booklet.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Berkas buku.yaml: semua yang sama untuk setiap SOP dalam buku.")]
pub struct Buku {
    #[schemars(description = "Identitas pengadilan yang dicetak di sampul dan kepala setiap SOP.")]
    pub pengadilan: Pengadilan,
    #[serde(default)]
    #[schemars(
        description = "Unit kerja pemilik buku SOP; boleh tidak ditulis bila buku milik seluruh pengadilan."
    )]
    pub unit: Unit,
    #[schemars(description = "Tahun buku, misalnya 2024.")]
    pub tahun: i32,
    #[schemars(description = "Tanggal pembuatan, revisi dan efektif (TAHUN-BULAN-HARI).")]
    pub tanggal: Tanggal,
    #[schemars(description = "Pejabat yang menyusun, memeriksa dan mengesahkan.")]
    pub pejabat: Pejabat,
    /// Number pattern, e.g. `{urut}/KPN.W4-U2/SOP.PTIP/OT1.2/{bulan}/{tahun}`.
    #[serde(default)]
    #[schemars(
        description = "Pola nomor SOP, misalnya `{urut}/KPN.W4-U2/SOP.PTIP/OT1.2/{bulan}/{tahun}`: {urut} nomor urut, {bulan} bulan revisi (Romawi), {tahun} tahun buku. Boleh tanpa {urut}, atau tidak ditulis, bila setiap SOP menulis `nomor` sendiri."
    )]
    #[schemars(with = "Option<String>")]
    pub nomor: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(description = "Ukuran kertas: A4 (bawaan) atau F4.")]
    pub kertas: Kertas,
    /// Output file name without `.pdf`; defaults to `sop-<kode>-<tahun>`.
    #[serde(default)]
    #[schemars(description = "Nama berkas PDF tanpa .pdf; bawaan sop-<kode>-<tahun>.")]
    pub berkas: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Isi sampul: logo BerAKHLAK dan Bangga Melayani, semboyan, judul, kode, tanggal."
    )]
    pub sampul: Sampul,
    #[serde(default)]
    #[schemars(
        description = "Cara mencetak NIP: berkelompok (19780302 200212 1 005, bawaan) atau polos."
    )]
    pub format_nip: FormatNip,
    #[serde(default)]
    #[schemars(description = "Ukuran bagan alir dalam milimeter.")]
    pub bagan: Bagan,
    #[serde(default)]
    #[schemars(
        description = "Bagian depan buku, dalam urutan cetak: sampul, sampul_dalam, pengesahan, kata_pengantar, daftar_isi, daftar_nomor, makna_simbol, riwayat. Bawaan: sampul, sampul_dalam, pengesahan, daftar_isi, daftar_nomor."
    )]
    #[schemars(with = "Option<Vec<Bagian>>")]
    pub bagian: Option<Vec<Spanned<Bagian>>>,
    #[serde(default)]
    #[schemars(
        description = "Paragraf Kata Pengantar (dicetak bila `kata_pengantar` ada di `bagian`), ditandatangani pengesah."
    )]
    #[schemars(with = "Vec<String>")]
    pub kata_pengantar: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    #[schemars(description = "Kotak kendali dokumen di sampul (opsional).")]
    pub kendali_dokumen: Option<KendaliDokumen>,
    #[serde(default)]
    #[schemars(
        description = "Pemberitahuan kepemilikan di sampul, misalnya \"Dokumen ini milik Pengadilan Negeri X; dilarang memperbanyak tanpa izin.\""
    )]
    pub pemilik: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Gaya cetak halaman SOP: tata letak kepala, label, orientasi, total waktu."
    )]
    pub gaya: Gaya,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Halaman Pengesahan yang sudah ditandatangani dan dipindai (PDF, PNG atau JPEG di dalam folder konten); menggantikan halaman Pengesahan buatan bukusop."
    )]
    pub pengesahan_pindaian: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Identitas pengadilan.")]
pub struct Pengadilan {
    /// e.g. `Pengadilan Negeri Bengkalis`.
    #[schemars(description = "Nama pengadilan, misalnya Pengadilan Negeri Bengkalis.")]
    pub nama: String,
    #[schemars(description = "Kelas pengadilan, misalnya IB.")]
    pub kelas: Option<String>,
    #[schemars(description = "Alamat lengkap.")]
    pub alamat: String,
    /// Shorter address for the SOP page header; defaults to `alamat`.
    #[schemars(
        description = "Alamat singkat untuk kepala halaman SOP; bawaan sama dengan alamat."
    )]
    pub alamat_singkat: Option<String>,
    #[schemars(description = "Nomor telepon.")]
    pub telepon: Option<String>,
    #[schemars(description = "Nomor faksimile.")]
    pub faks: Option<String>,
    #[schemars(description = "Nomor WhatsApp.")]
    pub whatsapp: Option<String>,
    #[schemars(description = "Alamat surel.")]
    pub email: Option<String>,
    #[schemars(description = "Alamat situs web.")]
    pub website: Option<String>,
    /// Path relative to the content folder; the bundled placeholder if absent.
    #[schemars(
        description = "Berkas logo (PNG atau JPEG) di dalam folder konten; bawaan logo contoh."
    )]
    #[schemars(with = "Option<String>")]
    pub logo: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[schemars(description = "Unit kerja; yang tidak ditulis tidak dicetak.")]
pub struct Unit {
    /// e.g. `PERENCANAAN, TI DAN PELAPORAN`.
    #[schemars(description = "Nama unit, misalnya PERENCANAAN, TI DAN PELAPORAN.")]
    pub nama: String,
    /// e.g. `SUBBAG`.
    #[schemars(description = "Jenis unit, misalnya SUBBAG.")]
    pub jenis: String,
    /// e.g. `PTIP`.
    #[schemars(description = "Kode unit, misalnya PTIP.")]
    pub kode: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Tanggal buku, ditulis TAHUN-BULAN-HARI.")]
pub struct Tanggal {
    #[schemars(description = "Tanggal pembuatan, misalnya 2017-01-09.")]
    #[schemars(with = "String")]
    pub pembuatan: Spanned<String>,
    #[serde(default = "tanpa_tanggal")]
    #[schemars(
        description = "Tanggal revisi terakhir; tulis \"-\" (atau jangan ditulis) bila belum pernah direvisi, maka dicetak \"-\"."
    )]
    #[schemars(with = "Option<String>")]
    pub revisi: Spanned<String>,
    #[schemars(description = "Tanggal mulai berlaku.")]
    #[schemars(with = "String")]
    pub efektif: Spanned<String>,
}

/// A date left out: printed `-`.
fn tanpa_tanggal() -> Spanned<String> {
    Spanned::new(
        "-".into(),
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Pejabat di halaman Pengesahan.")]
pub struct Pejabat {
    #[serde(default)]
    #[schemars(
        description = "Yang menyusun (DISUSUN OLEH); wajib bila halaman Pengesahan dicetak."
    )]
    pub penyusun: Option<Orang>,
    #[serde(default)]
    #[schemars(
        description = "Yang memeriksa (DIPERIKSA OLEH); wajib bila halaman Pengesahan dicetak."
    )]
    pub pemeriksa: Option<Orang>,
    #[schemars(description = "Yang mengesahkan (DISAHKAN OLEH).")]
    pub pengesah: Orang,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Seorang pejabat.")]
pub struct Orang {
    /// The position without the court's name, e.g. `Ketua`.
    #[schemars(description = "Jabatan tanpa nama pengadilan, misalnya Ketua.")]
    pub jabatan: String,
    /// What "Disahkan Oleh" on the SOP pages prints, when it is not the
    /// position followed by the court's name.
    #[serde(default)]
    #[schemars(
        description = "Jabatan seperti dicetak di baris \"Disahkan Oleh\" halaman SOP, misalnya KPA Ternate; bawaan: jabatan lalu nama pengadilan."
    )]
    pub jabatan_di_sop: Option<String>,
    #[serde(default)]
    #[schemars(description = "Nama lengkap dengan gelar; tanpa nama hanya jabatan yang dicetak.")]
    pub nama: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "NIP 18 angka (boleh dengan spasi); tanpa NIP baris NIP tidak dicetak."
    )]
    #[schemars(with = "Option<String>")]
    pub nip: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Ukuran kertas: A4, F4 (215 × 330 mm) atau Letter.")]
pub enum Kertas {
    #[default]
    A4,
    F4,
    Letter,
}

impl Kertas {
    /// Width and height of the portrait sheet, in millimetres.
    pub fn ukuran_mm(self) -> (f64, f64) {
        match self {
            Kertas::A4 => (210.0, 297.0),
            Kertas::F4 => (215.0, 330.0),
            Kertas::Letter => (215.9, 279.4),
        }
    }
}

/// A part of the front matter, in the order the booklet prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Satu bagian depan buku.")]
pub enum Bagian {
    Sampul,
    SampulDalam,
    Pengesahan,
    KataPengantar,
    DaftarIsi,
    DaftarNomor,
    MaknaSimbol,
    Riwayat,
}

impl Bagian {
    /// The front matter when `bagian` is not written (PN Bengkalis').
    pub const BAWAAN: [Bagian; 5] = [
        Bagian::Sampul,
        Bagian::SampulDalam,
        Bagian::Pengesahan,
        Bagian::DaftarIsi,
        Bagian::DaftarNomor,
    ];

    /// The name as written in `bagian:`, which is also its template's name.
    pub fn nama(self) -> &'static str {
        match self {
            Bagian::Sampul => "sampul",
            Bagian::SampulDalam => "sampul_dalam",
            Bagian::Pengesahan => "pengesahan",
            Bagian::KataPengantar => "kata_pengantar",
            Bagian::DaftarIsi => "daftar_isi",
            Bagian::DaftarNomor => "daftar_nomor",
            Bagian::MaknaSimbol => "makna_simbol",
            Bagian::Riwayat => "riwayat",
        }
    }
}

/// The document control box: which copy this is.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Kotak kendali dokumen.")]
pub struct KendaliDokumen {
    #[serde(default)]
    #[schemars(
        description = "Status salinan yang dicentang; tanpa status semua kotak dibiarkan kosong untuk diisi tangan."
    )]
    pub status: Option<StatusDokumen>,
    #[serde(default)]
    #[schemars(description = "Nomor salinan, misalnya 01.")]
    pub no_salinan: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "master, terkendali, tidak_terkendali atau kadaluarsa.")]
pub enum StatusDokumen {
    Master,
    Terkendali,
    TidakTerkendali,
    Kadaluarsa,
}

impl StatusDokumen {
    /// Every status, in the order the control box prints them.
    pub const SEMUA: [StatusDokumen; 4] = [
        StatusDokumen::Master,
        StatusDokumen::Terkendali,
        StatusDokumen::TidakTerkendali,
        StatusDokumen::Kadaluarsa,
    ];

    /// The words printed beside its tick box.
    pub fn teks(self) -> &'static str {
        match self {
            StatusDokumen::Master => "DOKUMEN MASTER",
            StatusDokumen::Terkendali => "SALINAN TERKENDALI",
            StatusDokumen::TidakTerkendali => "SALINAN TIDAK TERKENDALI",
            StatusDokumen::Kadaluarsa => "KADALUARSA",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[schemars(
    description = "Isi sampul selain nama pengadilan, unit dan tahun; yang tidak ditulis tidak dicetak."
)]
pub struct Sampul {
    #[schemars(
        description = "Berkas logo BerAKHLAK di dalam folder konten, atau `contoh` untuk logo contoh bawaan; tanpa kunci ini tidak dicetak."
    )]
    #[schemars(with = "Option<String>")]
    pub logo_berakhlak: Option<Spanned<String>>,
    #[schemars(
        description = "Berkas logo Bangga Melayani Bangsa di dalam folder konten, atau `contoh` untuk logo contoh bawaan; tanpa kunci ini tidak dicetak."
    )]
    #[schemars(with = "Option<String>")]
    pub logo_bangga: Option<Spanned<String>>,
    #[schemars(
        description = "Semboyan di bawah logo, misalnya \"Berorientasi Pelayanan · Akuntabel · Kompeten · Harmonis · Loyal · Adaptif · Kolaboratif\"."
    )]
    pub semboyan: Option<String>,
    #[schemars(
        description = "Judul di bawah STANDAR OPERASIONAL PROSEDUR, misalnya judul SOP buku yang berisi satu SOP."
    )]
    pub judul: Option<String>,
    #[schemars(description = "Kode atau nomor yang dicetak di bawah judul, misalnya SOP/AS/32.")]
    pub kode: Option<String>,
    #[schemars(
        description = "true untuk mencetak tanggal pembuatan, revisi dan efektif buku di sampul."
    )]
    pub tanggal: bool,
}

/// A cover logo given as `contoh`: the bundled placeholder.
pub const LOGO_CONTOH: &str = "contoh";
