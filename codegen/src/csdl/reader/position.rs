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

    /// Moves line and column over `segment`.
    fn advance(&mut self, segment: &[u8]) {
        match segment.iter().rposition(|&b| b == b'\n') {
            Some(last_newline) => {
                let (through_newline, rest) = segment.split_at(last_newline + 1);
                let newlines = through_newline.iter().filter(|&&b| b == b'\n').count();
                self.line = self.line.saturating_add(to_u32(newlines));
                self.column = 1u32.saturating_add(to_u32(char_count(rest)));
            }
            None => self.column = self.column.saturating_add(to_u32(char_count(segment))),
        }
    }
}

/// The number of UTF-8 characters that start in `bytes`.
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// `n` as a `u32`, saturating.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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

    #[test]
    fn moves_backward_and_clamps() {
        let text = "a\nb\nc";
        let mut cursor = LineCursor::new(text.as_bytes());
        assert_eq!(cursor.pos(4), at(3, 1));
        assert_eq!(cursor.pos(2), at(2, 1));
        assert_eq!(cursor.pos(1000), at(3, 2));
    }
}
