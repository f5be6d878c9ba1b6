//! The content as typed data, exactly as the YAML files spell it.
//!
//! Keys are the Indonesian words printed in the booklet. Values that later
//! checks must point at (dates, NIPs, role names) keep their YAML location.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// `buku.yaml`: everything that is the same for every SOP of the booklet.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Berkas buku.yaml: semua yang sama untuk setiap SOP dalam buku.")]
pub struct Buku {
    #[schemars(description = "Identitas pengadilan yang dicetak di sampul dan kepala setiap SOP.")]
    pub pengadilan: Pengadilan,
    #[schemars(description = "Unit kerja pemilik buku SOP.")]
    pub unit: Unit,
    #[schemars(description = "Tahun buku, misalnya 2024.")]
    pub tahun: i32,
    #[schemars(description = "Tanggal pembuatan, revisi dan efektif (TAHUN-BULAN-HARI).")]
    pub tanggal: Tanggal,
    #[schemars(description = "Pejabat yang menyusun, memeriksa dan mengesahkan.")]
    pub pejabat: Pejabat,
    /// Number pattern, e.g. `{urut}/KPN.W4-U2/SOP.PTIP/OT1.2/{bulan}/{tahun}`.
    #[schemars(
        description = "Pola nomor SOP, misalnya `{urut}/KPN.W4-U2/SOP.PTIP/OT1.2/{bulan}/{tahun}`: {urut} nomor urut, {bulan} bulan revisi (Romawi), {tahun} tahun buku."
    )]
    #[schemars(with = "String")]
    pub nomor: Spanned<String>,
    #[serde(default)]
    #[schemars(description = "Ukuran kertas: A4 (bawaan) atau F4.")]
    pub kertas: Kertas,
    /// Output file name without `.pdf`; defaults to `sop-<kode>-<tahun>`.
    #[serde(default)]
    #[schemars(description = "Nama berkas PDF tanpa .pdf; bawaan sop-<kode>-<tahun>.")]
    pub berkas: Option<String>,
    #[serde(default)]
    #[schemars(description = "Logo tambahan di sampul.")]
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

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Unit kerja.")]
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
    #[schemars(description = "Tanggal revisi terakhir.")]
    #[schemars(with = "String")]
    pub revisi: Spanned<String>,
    #[schemars(description = "Tanggal mulai berlaku.")]
    #[schemars(with = "String")]
    pub efektif: Spanned<String>,
}

/// Per-SOP dates; every one falls back to the booklet's.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Tanggal khusus SOP ini; yang tidak ditulis mengikuti buku.")]
pub struct TanggalSop {
    #[schemars(description = "Tanggal pembuatan SOP ini.")]
    #[schemars(with = "Option<String>")]
    pub pembuatan: Option<Spanned<String>>,
    #[schemars(description = "Tanggal revisi SOP ini.")]
    #[schemars(with = "Option<String>")]
    pub revisi: Option<Spanned<String>>,
    #[schemars(description = "Tanggal efektif SOP ini.")]
    #[schemars(with = "Option<String>")]
    pub efektif: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Pejabat di halaman Pengesahan.")]
pub struct Pejabat {
    #[schemars(description = "Yang menyusun (DISUSUN OLEH).")]
    pub penyusun: Orang,
    #[schemars(description = "Yang memeriksa (DIPERIKSA OLEH).")]
    pub pemeriksa: Orang,
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
    #[schemars(description = "Nama lengkap dengan gelar.")]
    pub nama: String,
    #[schemars(description = "NIP 18 angka (boleh dengan spasi).")]
    #[schemars(with = "String")]
    pub nip: Spanned<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Ukuran kertas: A4, F4 (215 × 330 mm) atau Letter.")]
pub enum Kertas {
    #[default]
    A4,
    F4,
    Letter,
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
}

/// The document control box: which copy this is.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Kotak kendali dokumen.")]
pub struct KendaliDokumen {
    #[schemars(description = "Status salinan yang dicentang.")]
    pub status: StatusDokumen,
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "Cara mencetak NIP.")]
pub enum FormatNip {
    /// `19780302 200212 1 005`
    #[default]
    Berkelompok,
    /// `197803022002121005`
    Polos,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Logo tambahan di sampul.")]
pub struct Sampul {
    #[schemars(description = "Berkas logo BerAKHLAK.")]
    #[schemars(with = "Option<String>")]
    pub logo_berakhlak: Option<Spanned<String>>,
    #[schemars(description = "Berkas logo Bangga Melayani Bangsa.")]
    #[schemars(with = "Option<String>")]
    pub logo_bangga: Option<Spanned<String>>,
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
    #[schemars(description = "Tinggi baris terkecil (bawaan 11).")]
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
            }];
        }
        self.prosedur
            .iter()
            .map(|p| Alur {
                judul: Some(&p.value.judul),
                tempat: &p.referenced,
                pelaksana: &p.value.pelaksana,
                langkah: &p.value.langkah,
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
