//! The attributes of the element opened last, kept in a reused vector with a 64-bit presence
//! filter so that looking up an absent attribute (most facets, most of the time) costs one mask
//! test instead of a scan with string compares.

use std::borrow::Cow;
use std::collections::HashSet;

use quick_xml::XmlVersion;
use quick_xml::events::attributes::Attribute;
use quick_xml::name::QName;

/// Above this many attributes, duplicates are found with a hash set instead of a pairwise scan.
const SMALL: usize = 16;

/// The attributes of one start tag.
#[derive(Debug, Default)]
pub(super) struct AttrSet<'a> {
    /// Each attribute with the filter bit of its name, compared before the name itself.
    attrs: Vec<(u64, Attribute<'a>)>,
    /// One bit per attribute name (by [`bit`]); a clear bit means the name is absent.
    mask: u64,
    /// Whether two attributes have the same filter bit; if not, no name occurs twice.
    bits_shared: bool,
}

/// The filter bit of an attribute name.
pub(super) const fn bit(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let first = match bytes.first() {
        Some(&b) => b as u32,
        None => 0,
    };
    let last = match bytes.last() {
        Some(&b) => b as u32,
        None => 0,
    };
    let mix = (bytes.len() as u32) ^ first ^ (last << 1);
    1u64 << (mix & 63)
}

/// Whether `raw` has a reference or a line break or tab, which attribute value normalization
/// would change. Looks at eight bytes at a time for any byte below `'` (all four are).
fn needs_normalizing(raw: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let special = |b: &u8| matches!(b, b'&' | b'\t' | b'\n' | b'\r');
    let bytes = raw.as_bytes();
    let mut words = bytes.chunks_exact(8);
    let has_low_byte = |chunk: &[u8]| {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        word.wrapping_sub(ONES * u64::from(b'\'')) & !word & HIGH != 0
    };
    if words.by_ref().any(has_low_byte) {
        return bytes.iter().any(special);
    }
    words.remainder().iter().any(special)
}

/// Whether `b` is XML whitespace (space, tab, carriage return, line feed).
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The index of the first byte at or after `from` that is not XML whitespace.
fn skip_space(bytes: &[u8], from: usize) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    from + rest.iter().take_while(|b| is_xml_space(**b)).count()
}

/// The index of the first `needle` in `bytes`, looking at eight bytes at a time.
fn find_byte(bytes: &[u8], needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(needle);
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut words {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default()) ^ pattern;
        // The lowest set bit marks the first zero byte exactly (borrows only reach higher).
        let zero = word.wrapping_sub(ONES) & !word & HIGH;
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = words.remainder().iter().position(|&b| b == needle)?;
    Some(at + rest)
}

/// Splits `name = "value"` (or single-quoted) off the start of `text`: name, raw value and the
/// text after the closing quote. `None` unless the name is non-empty and the value quoted.
fn plain_attribute(text: &str) -> Option<(&str, &str, &str)> {
    let bytes = text.as_bytes();
    let name_end = bytes.iter().position(|&b| b == b'=' || is_xml_space(b))?;
    let eq = skip_space(bytes, name_end);
    if name_end == 0 || bytes.get(eq) != Some(&b'=') {
        return None;
    }
    let open = skip_space(bytes, eq + 1);
    let quote = *bytes.get(open).filter(|&&q| q == b'"' || q == b'\'')?;
    let start = open + 1;
    let end = start + find_byte(bytes.get(start..)?, quote)?;
    Some((
        text.get(..name_end)?,
        text.get(start..end)?,
        text.get(end + 1..)?,
    ))
}

impl<'a> AttrSet<'a> {
    /// Forgets the previous element's attributes, keeping the allocation.
    pub(super) fn clear(&mut self) {
        self.attrs.clear();
        self.mask = 0;
        self.bits_shared = false;
    }

    /// Adds an attribute.
    pub(super) fn push(&mut self, attr: Attribute<'a>) {
        let bit = bit(attr.key.0);
        self.bits_shared |= self.mask & bit != 0;
        self.mask |= bit;
        self.attrs.push((bit, attr));
    }

    /// Reads the attributes of a start tag's `content` from byte `from` on (just after the
    /// name), when they are all plainly written: `name="value"` or `name='value'`, with optional
    /// whitespace around `=`. Returns false, with the set cleared, for anything else; quick-xml's
    /// attribute iterator then reads the tag (and reports what is wrong with it). For plainly
    /// written attributes both give the same names and raw values.
    pub(super) fn read_plain(&mut self, content: &'a str, from: usize) -> bool {
        self.clear();
        let mut at = from;
        loop {
            at = skip_space(content.as_bytes(), at);
            let rest = content.get(at..).unwrap_or_default();
            if rest.is_empty() {
                return true;
            }
            let Some((key, value, after)) = plain_attribute(rest) else {
                self.clear();
                return false;
            };
            self.push(Attribute {
                key: QName(key),
                value: Cow::Borrowed(value),
            });
            at = content.len() - after.len();
        }
    }

    /// The attribute called `name`, if present.
    fn find(&self, name: &str) -> Option<&Attribute<'a>> {
        let bit = bit(name);
        if self.mask & bit == 0 {
            return None;
        }
        let mut attrs = self.attrs.iter();
        attrs.find_map(|(b, a)| (*b == bit && a.key.0 == name).then_some(a))
    }

    /// Whether any attribute might have one of the names whose [`bit`]s make up `mask`
    /// (false means certainly none).
    pub(super) fn may_have_any(&self, mask: u64) -> bool {
        self.mask & mask != 0
    }

    /// Whether attribute `name` is present.
    pub(super) fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// The `xmlns` and `xmlns:p` declarations among the attributes: prefix and raw namespace
    /// as written (the quick-xml path binds raw values too).
    pub(super) fn xmlns_bindings(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.attrs.iter().filter_map(|(_, a)| {
            let prefix = super::events::xmlns_prefix(a.key.0)?;
            match a.value {
                Cow::Borrowed(raw) => Some((prefix, raw)),
                Cow::Owned(_) => None,
            }
        })
    }

    /// The attribute names, in document order.
    pub(super) fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.attrs.iter().map(|(_, a)| a.key.0)
    }

    /// The value of `name` with references decoded and whitespace normalized as XML requires;
    /// `Some(Err(..))` describes an invalid reference.
    pub(super) fn value(&self, name: &str) -> Option<Result<Cow<'a, str>, String>> {
        let attr = self.find(name)?;
        if let Cow::Borrowed(raw) = attr.value
            && !needs_normalizing(raw)
        {
            return Some(Ok(Cow::Borrowed(raw)));
        }
        let value = attr.normalized_value(XmlVersion::Implicit1_0);
        Some(value.map_err(|error| error.to_string()))
    }

    /// The first attribute name that occurs twice, if any.
    pub(super) fn duplicate(&self) -> Option<&'a str> {
        if !self.bits_shared {
            return None;
        }
        if self.attrs.len() <= SMALL {
            let mut seen = self.names().enumerate();
            return seen.find_map(|(i, name)| {
                let mut earlier = self.names().take(i);
                earlier.any(|other| other == name).then_some(name)
            });
        }
        let mut seen = HashSet::with_capacity(self.attrs.len());
        self.names().find(|name| !seen.insert(*name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::attributes::Attributes;

    fn set<'a>(pairs: &[(&'a str, &'a str)]) -> AttrSet<'a> {
        let mut attrs = AttrSet::default();
        for &pair in pairs {
            attrs.push(Attribute {
                key: QName(pair.0),
                value: Cow::Borrowed(pair.1),
            });
        }
        attrs
    }

    #[test]
    fn finds_present_and_rejects_absent_names() {
        let attrs = set(&[("Name", "a&amp;b"), ("Type", "Edm.String")]);
        assert!(attrs.has("Name") && attrs.has("Type") && !attrs.has("Nullable"));
        assert_eq!(attrs.value("Name"), Some(Ok(Cow::Borrowed("a&b"))));
        assert_eq!(attrs.value("Type"), Some(Ok(Cow::Borrowed("Edm.String"))));
        assert_eq!(attrs.value("Scale"), None);
    }

    /// The attributes quick-xml reads from `content` (after the name `a`), or `None` on error.
    fn by_quick_xml(content: &str) -> Option<Vec<(&str, &str)>> {
        let mut attrs = Attributes::new(content, 1);
        let attrs = attrs.with_checks(false);
        let pairs = attrs.map(|a| {
            let a = a.ok()?;
            match a.value {
                Cow::Borrowed(v) => Some((a.key.0, v)),
                Cow::Owned(_) => None,
            }
        });
        pairs.collect()
    }

    #[test]
    fn plain_attributes_read_as_quick_xml_reads_them() {
        let plain = [
            "a",
            "a ",
            "a x=\"1\"",
            "a x='1' y=\"2\"",
            "a\n\tx = \"it's\"\r\n y\t=\t'say \"hi\"' ",
            "a x=\"1\"y=\"\"",
            "a x=\"&amp;\u{e9}\"",
            "a xmlns:edm=\"urn:x\" edm:Name=\"n\"",
        ];
        for content in plain {
            let mut attrs = AttrSet::default();
            assert!(attrs.read_plain(content, 1), "{content:?}");
            let read: Vec<(&str, &str)> = attrs
                .attrs
                .iter()
                .map(|(_, a)| (a.key.0, &*a.value))
                .collect();
            assert_eq!(Some(read), by_quick_xml(content), "{content:?}");
        }
        for odd in [
            "a x",
            "a x=",
            "a x=1",
            "a x=\"1",
            "a =\"1\"",
            "a x y=\"1\"",
            "a x='1\"",
        ] {
            let mut attrs = AttrSet::default();
            attrs.push(Attribute {
                key: QName("stale"),
                value: Cow::Borrowed(""),
            });
            assert!(!attrs.read_plain(odd, 1), "{odd:?}");
            assert!(!attrs.has("stale") && attrs.names().next().is_none());
        }
    }

    #[test]
    fn finds_bytes_eight_at_a_time() {
        let text = b"0123456789abcdef\"ghij\"\x80\xff\"";
        for from in 0..text.len() {
            for needle in [b'"', b'a', b'j', 0x80, 0xff, b'z'] {
                let slice = &text[from..];
                let expected = slice.iter().position(|&b| b == needle);
                assert_eq!(find_byte(slice, needle), expected, "{from} {needle}");
            }
        }
    }

    #[test]
    fn knows_which_values_need_normalizing() {
        for plain in [
            "",
            "Edm.String",
            "Collection(graph.alert) with spaces ~!\"#$%'",
        ] {
            assert!(!needs_normalizing(plain), "{plain}");
        }
        for special in [
            "a&amp;",
            "0123456789&",
            "tab\there",
            "x\n",
            "long long long\r",
        ] {
            assert!(needs_normalizing(special), "{special:?}");
        }
    }

    #[test]
    fn finds_duplicates_in_small_and_large_sets() {
        assert_eq!(set(&[("a", "1"), ("b", "2")]).duplicate(), None);
        let same_bit = set(&[("aXb", "1"), ("aYb", "2")]);
        assert!(same_bit.bits_shared);
        assert_eq!(same_bit.duplicate(), None);
        assert_eq!(
            set(&[("a", "1"), ("b", "2"), ("a", "3")]).duplicate(),
            Some("a")
        );
        let names: Vec<String> = (0..40).map(|i| format!("n{i}")).collect();
        let mut pairs: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "v")).collect();
        assert_eq!(set(&pairs).duplicate(), None);
        pairs.push(("n7", "again"));
        assert_eq!(set(&pairs).duplicate(), Some("n7"));
    }
}
