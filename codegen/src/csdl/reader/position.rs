//! Turns byte offsets into 1-based line and column numbers, incrementally.
//!
//! The reader asks for positions in (almost always) increasing order, so the cursor remembers the
//! last offset it reached and only scans the bytes between that offset and the new one. Columns
//! count characters: every byte that does not continue a UTF-8 sequence starts a new character.

use crate::csdl::syntax::Pos;

/// A forward-moving cursor over the document bytes that knows its line and column.
#[derive(Debug, Clone)]
pub(super) struct LineCursor<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u32,
    column: u32,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `bytes` (line 1, column 1).
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        LineCursor {
            bytes,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The line and column of byte `offset` (clamped to the end of the document).
    ///
    /// Moving forward costs the bytes in between; moving backward (only done for error
    /// positions) restarts from the beginning.
    pub(super) fn pos(&mut self, offset: usize) -> Pos {
        let offset = offset.min(self.bytes.len());
        if offset < self.offset {
            *self = LineCursor::new(self.bytes);
        }
        let segment = self.bytes.get(self.offset..offset).unwrap_or_default();
        self.advance(segment);
        self.offset = offset;
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    /// Moves line and column over `segment`, eight bytes at a time.
    fn advance(&mut self, segment: &[u8]) {
        let mut words = segment.chunks_exact(8);
        for chunk in &mut words {
            let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
            self.advance_word(word);
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            // Pad with NULs: they count as one column each, which is taken back after.
            let mut bytes = [0u8; 8];
            for (to, from) in bytes.iter_mut().zip(tail) {
                *to = *from;
            }
            self.advance_word(u64::from_le_bytes(bytes));
            let padding = 8 - tail.len() as u32;
            self.column = self.column.saturating_sub(padding);
        }
    }

    /// Moves over eight bytes (little-endian in `word`) with bit tricks instead of a loop.
    fn advance_word(&mut self, word: u64) {
        // High bit of every byte that continues a UTF-8 sequence (`10xxxxxx`).
        let continuation = word & !(word << 1) & HIGH;
        // High bit of every `\n` byte, exactly (no false positives from borrows).
        let v = word ^ (ONES * u64::from(b'\n'));
        let newlines = !((v & LOW7).wrapping_add(LOW7) | v | LOW7);
        if newlines == 0 {
            self.column = self.column.saturating_add(8 - bytes_set(continuation));
            return;
        }
        self.line = self.line.saturating_add(bytes_set(newlines));
        // Bytes after the last newline: `leading_zeros / 8` of them, starting at bit `shift`.
        let leading = newlines.leading_zeros();
        let shift = 64 - leading;
        let continuation_after = bytes_set(continuation.checked_shr(shift).unwrap_or(0));
        self.column = 1 + leading / 8 - continuation_after;
    }
}

/// Each byte of a word set to 1.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// The low seven bits of each byte of a word.
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// How many bytes of a word have their high bit set, given only high bits (a popcount without
/// the `popcnt` instruction, which the baseline x86-64 target lacks).
fn bytes_set(high_bits: u64) -> u32 {
    ((high_bits >> 7).wrapping_mul(ONES) >> 56) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn counts_lines_and_characters() {
        let text = "ab\nc\u{e9}d\n\nxyz";
        let mut cursor = LineCursor::new(text.as_bytes());
        assert_eq!(cursor.pos(0), at(1, 1));
        assert_eq!(cursor.pos(2), at(1, 3));
        assert_eq!(cursor.pos(3), at(2, 1));
        // `é` is two bytes but one column.
        assert_eq!(cursor.pos(6), at(2, 3));
        assert_eq!(cursor.pos(9), at(4, 1));
        assert_eq!(cursor.pos(11), at(4, 3));
    }

    /// Line and column of the end of `text`, counted the slow and obvious way.
    fn naive(text: &str) -> Pos {
        let line = 1 + text.matches('\n').count();
        let last_line = text.rsplit('\n').next().unwrap_or_default();
        at(line as u32, 1 + last_line.chars().count() as u32)
    }

    #[test]
    fn word_at_a_time_agrees_with_counting_characters() {
        let text = "<a>\n  \u{e9}\u{e9}\u{1F600}x\n\n<b c=\"\u{20AC}\u{20AC}\u{20AC}\u{20AC}\"/>\n\t\u{e9}<c/>end\n";
        let ends: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for (n, &from) in ends.iter().enumerate() {
            for &to in ends.iter().skip(n) {
                let mut cursor = LineCursor::new(text.as_bytes());
                cursor.pos(from);
                let prefix = text.get(..to).unwrap_or_default();
                assert_eq!(cursor.pos(to), naive(prefix), "{from}..{to}");
            }
        }
    }

    /// Segments of many words, with line breaks at every distance from their ends.
    #[test]
    fn agrees_with_counting_characters_over_long_segments() {
        let text: String = (0..40)
            .map(|n| format!("{}\u{e9}{}\n", "x".repeat(n * 3), "\u{20AC}".repeat(n % 4)))
            .collect();
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(5).collect();
        for (n, &from) in ends.iter().enumerate().step_by(3) {
            for &to in ends.iter().skip(n) {
                let mut cursor = LineCursor::new(text.as_bytes());
                cursor.pos(from);
                let prefix = text.get(..to).unwrap_or_default();
                assert_eq!(cursor.pos(to), naive(prefix), "{from}..{to}");
            }
        }
    }

    #[test]
    fn moves_backward_and_clamps() {
        let text = "a\nb\nc";
        let mut cursor = LineCursor::new(text.as_bytes());
        assert_eq!(cursor.pos(4), at(3, 1));
        assert_eq!(cursor.pos(2), at(2, 1));
        assert_eq!(cursor.pos(1000), at(3, 2));
    }
}
