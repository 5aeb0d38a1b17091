//! Cryptocurrency wallet addresses: Bitcoin (base58check P2PKH/P2SH, bech32/bech32m segwit), Ethereum
//! (`0x` + 40 hex, EIP-55 checksum when mixed case) and TRON (base58check, version `0x41`).
//!
//! Invariant: a match is a maximal run of ASCII word characters (`[0-9A-Za-z_]`) of the original text
//! whose checksum verifies; an address that fails its checksum, or that is glued to more ASCII letters,
//! digits or `_`, is not a wallet. Non-ASCII text around an address is a boundary (Chinese ads write
//! `地址TR7N…` with no space). Spans are byte offsets on char boundaries (a run is ASCII), in text
//! order, at most [`MAX_WALLETS`] per text; the scan reads every 14th byte of prose, whole runs only
//! where one is long enough to be an address, and a checksum per candidate of the right shape, so it
//! is linear in the text.
//!
//! Segwit addresses follow BIP-350: witness version 0 with the bech32 checksum and a 20- or 32-byte
//! program, versions 1–16 with bech32m and 2–40 bytes; only the mainnet prefix `bc` counts (testnet
//! coins have no value to scam anyone out of). A BIP-173-era v1+ address with a bech32 checksum is
//! therefore not a wallet.

use bech32::primitives::decode::SegwitHrpstring;
use tiny_keccak::{Hasher, Keccak};

/// At most this many wallets are reported per text.
pub(crate) const MAX_WALLETS: usize = 64;

/// The chain an address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Chain {
    /// Bitcoin: base58check P2PKH (`1…`), P2SH (`3…`) or segwit (`bc1…`).
    Bitcoin,
    /// Ethereum and EVM chains (BSC, Polygon, …): `0x` + 40 hex digits.
    Ethereum,
    /// TRON (USDT TRC20 is the usual scam payment rail): `T…`, 34 base58 chars.
    Tron,
}

impl Chain {
    /// A stable lower-case name for output records: `"btc"`, `"eth"`, `"tron"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Chain::Bitcoin => "btc",
            Chain::Ethereum => "eth",
            Chain::Tron => "tron",
        }
    }
}

/// One wallet address: `text[start..end]` is the address as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WalletMatch {
    pub start: usize,
    pub end: usize,
    pub chain: Chain,
}

/// Appends the wallet addresses of `text` to `out`, in text order, at most [`MAX_WALLETS`].
pub(crate) fn find_wallets(text: &str, out: &mut Vec<WalletMatch>) {
    let bytes = text.as_bytes();
    let mut found = 0;
    // Runs shorter than the shortest address are never one, so the scan probes every
    // `MIN_LEN`-th byte: a non-word byte there means no long-enough run starts before it, and prose
    // is skipped `MIN_LEN` bytes at a time. Invariant of the loop: `i == 0` or `bytes[i - 1]` is not
    // a word byte, so the run found around a probe starts no earlier than `i`.
    let mut i = 0;
    while i + MIN_LEN <= bytes.len() && found < MAX_WALLETS {
        let probe = i + MIN_LEN - 1;
        if !is_word(bytes[probe]) {
            i = probe + 1;
            continue;
        }
        let mut start = probe;
        while start > i && is_word(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = probe + 1;
        while end < bytes.len() && is_word(bytes[end]) {
            end += 1;
        }
        // A run is ASCII, so `start..end` is on char boundaries.
        if let Some(chain) = classify(&text[start..end]) {
            out.push(WalletMatch { start, end, chain });
            found += 1;
        }
        // `bytes[end]` (if any) is not a word byte.
        i = end + 1;
    }
}

/// The shortest address: a 14-char segwit one.
const MIN_LEN: usize = 14;

fn is_word(b: u8) -> bool {
    WORD[usize::from(b)]
}

/// `[0-9A-Za-z_]` as a table: one load per byte where the scan walks through a run.
const WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'_';
        i += 1;
    }
    t
};

/// The chain of `token` (a whole word-character run) when it is a valid address.
fn classify(token: &str) -> Option<Chain> {
    let b = token.as_bytes();
    // The longest address is a 90-char segwit one.
    if b.len() < MIN_LEN || b.len() > 90 {
        return None;
    }
    if b.len() == 42 && b[0] == b'0' && (b[1] | 0x20) == b'x' {
        return is_eth(&token[2..]).then_some(Chain::Ethereum);
    }
    if b[..3].eq_ignore_ascii_case(b"bc1") {
        return is_segwit_mainnet(token).then_some(Chain::Bitcoin);
    }
    match b[0] {
        b'1' | b'3' if (26..=35).contains(&b.len()) => {
            matches!(base58check_version(token), Some(0x00 | 0x05)).then_some(Chain::Bitcoin)
        }
        b'T' if b.len() == 34 => (base58check_version(token) == Some(0x41)).then_some(Chain::Tron),
        _ => None,
    }
}

/// The version byte of a base58check string carrying a 20-byte hash (21 payload bytes), if its
/// double-SHA-256 checksum verifies.
fn base58check_version(token: &str) -> Option<u8> {
    let mut buf = [0u8; 64];
    let len = bs58::decode(token)
        .with_check(None)
        .onto(&mut buf[..])
        .ok()?;
    (len == 21).then_some(buf[0])
}

fn is_segwit_mainnet(token: &str) -> bool {
    // `SegwitHrpstring::new` checks the charset, mixed case, the length (≤ 90), the witness version,
    // bech32 for v0 and bech32m for v1+, the padding and the program length rules.
    SegwitHrpstring::new(token).is_ok_and(|s| s.hrp().is_valid_on_mainnet())
}

/// `hex` is the 40 digits after `0x`: all lower or all upper case is accepted (no checksum to check);
/// mixed case must be the EIP-55 checksum encoding.
fn is_eth(hex: &str) -> bool {
    let h = hex.as_bytes();
    if h.len() != 40 || !h.iter().all(u8::is_ascii_hexdigit) {
        return false;
    }
    let has_lower = h.iter().any(u8::is_ascii_lowercase);
    let has_upper = h.iter().any(u8::is_ascii_uppercase);
    if !(has_lower && has_upper) {
        return true;
    }
    let mut lower = [0u8; 40];
    for (l, c) in lower.iter_mut().zip(h) {
        *l = c.to_ascii_lowercase();
    }
    let mut hash = [0u8; 32];
    let mut k = Keccak::v256();
    k.update(&lower);
    k.finalize(&mut hash);
    h.iter().enumerate().all(|(i, &c)| {
        let nibble = if i % 2 == 0 {
            hash[i / 2] >> 4
        } else {
            hash[i / 2] & 0x0f
        };
        match c {
            b'a'..=b'f' => nibble < 8,
            b'A'..=b'F' => nibble >= 8,
            _ => true,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wallets(text: &str) -> Vec<(&str, Chain)> {
        let mut out = Vec::new();
        find_wallets(text, &mut out);
        out.iter()
            .map(|m| (&text[m.start..m.end], m.chain))
            .collect()
    }

    /// Valid addresses, each alone: BIP-173/BIP-350 mainnet vectors, EIP-55 examples, well-known
    /// base58 addresses.
    const VALID: &[(&str, Chain)] = &[
        // BIP-173 / BIP-350 valid mainnet segwit vectors (v0 bech32, v1+ bech32m).
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", Chain::Bitcoin),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", Chain::Bitcoin),
        (
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
            Chain::Bitcoin,
        ),
        ("BC1SW50QGDZ25J", Chain::Bitcoin),
        ("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", Chain::Bitcoin),
        (
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
            Chain::Bitcoin,
        ),
        (
            "bc1py3m7vwnghyne9gnvcjw82j7gqt2rafgdmlmwmqnn3hvcmdm09rjqcgrtxs",
            Chain::Bitcoin,
        ),
        // Base58check: the genesis block's P2PKH address, a P2SH address (BIP-13 style).
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Chain::Bitcoin),
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", Chain::Bitcoin),
        // EIP-55: all caps, all lower, and the four mixed-case examples of the EIP.
        (
            "0x52908400098527886E0F7030069857D2E4169EE7",
            Chain::Ethereum,
        ),
        (
            "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
            Chain::Ethereum,
        ),
        (
            "0xde709f2102306220921060314715629080e2fb77",
            Chain::Ethereum,
        ),
        (
            "0x27b1fdb04752bbc536007a920d24acb045561c26",
            Chain::Ethereum,
        ),
        (
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            Chain::Ethereum,
        ),
        (
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            Chain::Ethereum,
        ),
        (
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            Chain::Ethereum,
        ),
        (
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
            Chain::Ethereum,
        ),
        // TRON: the USDT TRC20 contract.
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", Chain::Tron),
    ];

    /// Not wallets: BIP-173/BIP-350 invalid vectors, BIP-173 v1+ bech32 (invalid since BIP-350),
    /// testnet, checksum-failing mutations, wrong versions and lengths.
    const INVALID: &[&str] = &[
        // BIP-350 invalid: bech32 instead of bech32m for v1+ (these are BIP-173's "valid" vectors).
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
        "BC1SW50QA3JX3S",
        "bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
        "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
        // bech32m for v0.
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
        // Invalid checksum, witness version, program length, padding, empty data.
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
        "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2",
        "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
        "bc1rw5uspcuh",
        "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
        "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
        "bc1pw5dgrnzv",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
        "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
        "bc1gmk9yu",
        // Mixed case.
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3T4",
        // Valid checksums, but other networks' prefixes.
        "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        // Base58 mutations: one char changed, one dropped, one added.
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN",
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNaa",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz",
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T",
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t",
        "TR8NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        // Non-base58 characters (0, O, I, l).
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj0t",
        // EIP-55 mutations: one letter's case flipped, a digit changed.
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
        "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d358",
        // Wrong length or not hex.
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00",
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",
        // A transaction hash (0x + 64 hex) is not an address.
        "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b",
    ];

    #[test]
    fn valid_vectors_are_wallets() {
        for &(addr, chain) in VALID {
            assert_eq!(wallets(addr), vec![(addr, chain)], "{addr}");
            assert_eq!(chain.as_str(), ["btc", "eth", "tron"][chain as usize]);
        }
    }

    #[test]
    fn invalid_vectors_are_not_wallets() {
        for addr in INVALID {
            assert_eq!(wallets(addr), vec![], "{addr}");
        }
    }

    /// The TRON version byte: a base58check string with a valid checksum but version 0x00 is not TRON,
    /// and a valid TRON payload is found whatever its 20 bytes.
    #[test]
    fn versions_decide_the_chain() {
        let payload = [
            0x41, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
        ];
        let tron = bs58::encode(payload).with_check().into_string();
        assert!(tron.starts_with('T') && tron.len() == 34, "{tron}");
        assert_eq!(wallets(&tron), vec![(tron.as_str(), Chain::Tron)]);
        let mut other = payload;
        other[0] = 0x30; // another coin's version byte
        let other = bs58::encode(other).with_check().into_string();
        assert_eq!(wallets(&other), vec![]);
    }

    #[test]
    fn addresses_in_running_text() {
        let cases: &[(&str, &[&str])] = &[
            ("Send USDT (TRC20) to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t now.", &["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"]),
            ("充值地址TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t。", &["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"]),
            (
                "BTC: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, ETH: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                &["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"],
            ),
            ("tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", &["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"]),
            // Glued to more word characters: not a wallet.
            ("xTR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", &[]),
            ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t9", &[]),
            ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t_x", &[]),
            ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedff", &[]),
            // Plain words and numbers of address-like length.
            ("Telecommunicationsengineering manager", &[]),
            ("order 1234567890123456789012345678", &[]),
        ];
        for &(text, want) in cases {
            let got: Vec<&str> = wallets(text).into_iter().map(|(s, _)| s).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn probes_find_addresses_after_words_of_every_length() {
        // The scan probes every 14th byte: words of 0–40 chars before and after an address move
        // it across every probe alignment, and runs of 13 or 14+ plain chars are read and dropped.
        for addr in [
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        ] {
            for k in 0..=40 {
                for text in [
                    format!("{} {addr}", "w".repeat(k)),
                    format!("{} {addr} {}", "w".repeat(k), "z".repeat(k)),
                    format!("{}.{addr}.", "ab ".repeat(k)),
                ] {
                    let got: Vec<&str> = wallets(&text).into_iter().map(|(s, _)| s).collect();
                    assert_eq!(got, [addr], "{text}");
                }
            }
        }
    }

    #[test]
    fn output_is_capped() {
        let text = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t ".repeat(MAX_WALLETS + 10);
        let mut out = Vec::new();
        find_wallets(&text, &mut out);
        assert_eq!(out.len(), MAX_WALLETS);
        assert!(out.windows(2).all(|w| w[0].end <= w[1].start));
    }

    proptest::proptest! {
        #[test]
        fn spans_are_char_boundaries_in_order(text in "(\\PC|TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t| |bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4){0,40}") {
            let mut out = Vec::new();
            find_wallets(&text, &mut out);
            let mut last = 0;
            for m in &out {
                proptest::prop_assert!(last <= m.start && m.start < m.end && m.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                last = m.end;
            }
        }
    }
}
