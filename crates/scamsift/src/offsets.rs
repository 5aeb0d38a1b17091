//! Host string offsets: byte offsets of the original text turned into char (Python) or UTF-16
//! (JavaScript) indices, only where a surface asks for them.
//!
//! Invariant: for a byte offset `b` on a char boundary of `text`, `chars(b, _)` is
//! `text[..b].chars().count()` and `utf16(b, _)` is `text[..b].encode_utf16().count()`. Offsets that
//! are not char boundaries or lie past the end are clamped down to the previous boundary, never panic.
//! Spans asked in text order cost one walk over the text in all.

/// Converts byte offsets of one text into char and UTF-16 offsets, walking forward from the last
/// position asked (restarting from the start when asked for an earlier one).
#[derive(Debug, Clone)]
pub struct HostOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
    units: usize,
}

impl<'a> HostOffsets<'a> {
    /// A converter for `text`.
    pub fn new(text: &'a str) -> Self {
        HostOffsets {
            text,
            byte: 0,
            chars: 0,
            units: 0,
        }
    }

    fn seek(&mut self, target: usize) -> (usize, usize) {
        let mut target = target.min(self.text.len());
        while !self.text.is_char_boundary(target) {
            target -= 1;
        }
        if target < self.byte {
            self.byte = 0;
            self.chars = 0;
            self.units = 0;
        }
        for c in self.text[self.byte..target].chars() {
            self.chars += 1;
            self.units += c.len_utf16();
        }
        self.byte = target;
        (self.chars, self.units)
    }

    /// The char offsets of the byte span `start..end`.
    pub fn chars(&mut self, start: usize, end: usize) -> (usize, usize) {
        let s = self.seek(start).0;
        let e = self.seek(end.max(start)).0;
        (s, e)
    }

    /// The UTF-16 code unit offsets of the byte span `start..end`.
    pub fn utf16(&mut self, start: usize, end: usize) -> (usize, usize) {
        let s = self.seek(start).1;
        let e = self.seek(end.max(start)).1;
        (s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_counting_from_the_start() {
        let text = "a€😀b日本 x";
        let mut o = HostOffsets::new(text);
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &s in &bounds {
            for &e in bounds.iter().filter(|&&e| e >= s) {
                assert_eq!(
                    o.chars(s, e),
                    (text[..s].chars().count(), text[..e].chars().count())
                );
                assert_eq!(
                    o.utf16(s, e),
                    (
                        text[..s].encode_utf16().count(),
                        text[..e].encode_utf16().count()
                    )
                );
            }
        }
        // Not a boundary, past the end: clamped, no panic.
        assert_eq!(o.chars(2, 999), (1, text.chars().count()));
    }
}
