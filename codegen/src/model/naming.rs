//! The one place where CSDL names become Rust names.
//!
//! Every Rust identifier the generator prints is decided here: types and enum variants are
//! UpperCamelCase, fields, methods and modules snake_case, with words split as `heck` 0.5
//! splits them (by the private `words` module, on bytes, with `heck` as its test oracle).
//! Characters that cannot appear in an identifier (`@`, `.`, `-`, ...) separate words, a
//! leading digit gets a prefix, and Rust keywords are escaped: as raw identifiers (`r#type`)
//! where Rust allows them and with a trailing underscore (`self_`, `Self_`) where it does not.
//!
//! Uniqueness inside one scope (a module's types, a struct's fields, an enum's variants) is the
//! job of [`NameScope`]: the first claimant of a name keeps it, later ones get `2`, `3`, ... in
//! the order the model claims them, which is always a deterministic order.

mod words;

use super::fast_hash::{FastMap, FastSet};

/// The casing of a kind of identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `UpperCamelCase`: types and enum variants.
    UpperCamel,
    /// `snake_case`: fields, methods, modules.
    Snake,
}

impl Case {
    /// The separator put between a name and its disambiguating number.
    fn number_separator(self) -> &'static str {
        match self {
            Case::UpperCamel => "",
            Case::Snake => "_",
        }
    }
}

/// The Rust type name for a CSDL type name, e.g. `unifiedRoleManagementAlert` ->
/// `UnifiedRoleManagementAlert`.
pub fn type_name(csdl: &str) -> String {
    escaped(convert(csdl, Case::UpperCamel))
}

/// The Rust field or method name for a CSDL property, navigation property or operation name,
/// e.g. `alertIncidents` -> `alert_incidents`, `type` -> `r#type`.
pub fn field_name(csdl: &str) -> String {
    escaped(convert(csdl, Case::Snake))
}

/// The Rust enum variant name for a CSDL enum member name, e.g. `unknownFutureValue` ->
/// `UnknownFutureValue`.
pub fn variant_name(csdl: &str) -> String {
    type_name(csdl)
}

/// The Rust module name for one segment of a namespace, e.g. `identityGovernance` ->
/// `identity_governance`.
pub fn module_name(segment: &str) -> String {
    field_name(segment)
}

/// `name` in `case`, without keyword escaping: invalid characters separate words, a leading
/// digit gets a prefix (`_` in snake case, `N` in camel case), an empty result becomes
/// `unnamed` / `Unnamed`.
pub fn cased(name: &str, case: Case) -> String {
    convert(name, case)
}

/// The most names [`all_distinct`] keeps on the stack.
const MEDIUM: usize = 64;

/// Whether no two of `idents` (finished identifiers) are the same name once unraw'd: then a
/// fresh [`NameScope`] would give each its wanted name unchanged, in any claim order.
pub(crate) fn all_distinct<'a>(idents: impl IntoIterator<Item = &'a str>) -> bool {
    // Most scopes are small: up to SMALL names are compared pairwise, up to MEDIUM have their
    // hashes sorted in a stack array (no two equal hashes means no two equal names; equal ones,
    // a repeated name or a rare collision, are settled pairwise), and only larger scopes
    // allocate a hash set.
    const SMALL: usize = 8;
    let mut idents = idents.into_iter().map(unraw);
    let mut names = [""; MEDIUM];
    let mut len = 0;
    for ident in idents.by_ref() {
        let Some(slot) = names.get_mut(len) else {
            return distinct_in_set(names.into_iter().chain([ident]).chain(idents));
        };
        *slot = ident;
        len += 1;
    }
    let names = names.get(..len).unwrap_or_default();
    if len <= SMALL {
        return distinct_pairwise(names);
    }
    distinct_by_hashes(names, hash_of)
}

/// Whether no two of `names` are equal, comparing every pair.
fn distinct_pairwise(names: &[&str]) -> bool {
    (1..names.len()).all(|n| !names[..n].contains(&names[n]))
}

/// Whether no two of `names` are equal: their `hash`es sorted on the stack, and only if two
/// hashes are equal (a repeated name, or a collision) every pair compared. More than
/// [`MEDIUM`] names go to a hash set.
fn distinct_by_hashes(names: &[&str], hash: impl Fn(&str) -> u64) -> bool {
    let mut hashes = [0u64; MEDIUM];
    let Some(hashes) = hashes.get_mut(..names.len()) else {
        return distinct_in_set(names.iter().copied());
    };
    for (slot, name) in hashes.iter_mut().zip(names) {
        *slot = hash(name);
    }
    hashes.sort_unstable();
    hashes.windows(2).all(|pair| pair[0] != pair[1]) || distinct_pairwise(names)
}

/// [`all_distinct`] through a hash set, for large scopes.
fn distinct_in_set<'a>(idents: impl Iterator<Item = &'a str>) -> bool {
    // Sized up front from the iterator's hint: growing a hash set rehashes every name.
    let capacity = idents.size_hint().0;
    let mut set: FastSet<&str> = FastSet::with_capacity_and_hasher(capacity, Default::default());
    let mut idents = idents;
    idents.all(|ident| set.insert(ident))
}

/// The [`WordHasher`](super::fast_hash::WordHasher) hash of `s`.
fn hash_of(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = super::fast_hash::WordHasher::default();
    hasher.write(s.as_bytes());
    hasher.finish()
}

/// [`cased`]: the words of `name` in `case` (split as `heck` splits them, every character that
/// is not an ASCII letter or digit separating words), then the fixes for an empty result and a
/// leading digit.
fn convert(name: &str, case: Case) -> String {
    let mut converted = words::cased(name, case);
    match (converted.as_bytes().first(), case) {
        (None, Case::UpperCamel) => converted.push_str("Unnamed"),
        (None, Case::Snake) => converted.push_str("unnamed"),
        (Some(first), Case::UpperCamel) if first.is_ascii_digit() => converted.insert(0, 'N'),
        (Some(first), Case::Snake) if first.is_ascii_digit() => converted.insert(0, '_'),
        (Some(_), _) => {}
    }
    converted
}

/// The Rust name of the setter of a property whose accessor (or field) is `accessor`, a
/// finished identifier: `is_enabled` -> `set_is_enabled`, `r#type` -> `set_type`, `self_` ->
/// `set_self`, `name_2` -> `set_name_2`. Uniqueness among the other methods is the caller's
/// [`NameScope`]'s job.
pub fn setter_name(accessor: &str) -> String {
    let bare = unraw(accessor);
    let stem = match bare.strip_suffix('_') {
        Some(keyword) if is_non_raw_keyword(keyword) => keyword,
        _ => bare,
    };
    escaped(format!("set_{stem}"))
}

/// `ident` made usable as a Rust identifier: `type` -> `r#type`, `self` -> `self_`.
pub fn escape_keyword(ident: &str) -> String {
    escaped(ident.to_owned())
}

/// [`escape_keyword`] on an owned identifier, which is returned as is when it is no keyword.
fn escaped(mut ident: String) -> String {
    if is_raw_keyword(&ident) {
        ident.insert_str(0, "r#");
    } else if is_non_raw_keyword(&ident) {
        ident.push('_');
    }
    ident
}

/// Keywords that can be written as raw identifiers (`r#type`).
fn is_raw_keyword(ident: &str) -> bool {
    matches!(
        ident,
        "abstract"
            | "as"
            | "async"
            | "await"
            | "become"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
fn is_non_raw_keyword(ident: &str) -> bool {
    matches!(ident, "self" | "Self" | "super" | "crate" | "_")
}

/// The identifier without a raw prefix: `r#type` -> `type`.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// A set of Rust names already used in one scope. Names are compared without their `r#`
/// prefix, so `r#type` and `type` count as the same name.
#[derive(Debug, Clone)]
pub struct NameScope {
    case: Case,
    taken: FastSet<String>,
    /// Per numbered stem, the number to try first: every number from 2 below it is taken
    /// (names are never released), so claiming the same stem again does not rescan them.
    next_number: FastMap<String, u32>,
}

impl NameScope {
    /// An empty scope whose numbered names follow `case`.
    pub fn new(case: Case) -> Self {
        NameScope {
            case,
            taken: FastSet::default(),
            next_number: FastMap::default(),
        }
    }

    /// [`NameScope::new`] with room for `names` names, so claiming them never grows the set.
    pub(crate) fn with_capacity(case: Case, names: usize) -> Self {
        NameScope {
            taken: FastSet::with_capacity_and_hasher(names, Default::default()),
            ..NameScope::new(case)
        }
    }

    /// Whether `ident` (a finished Rust identifier) is used in this scope.
    pub fn is_taken(&self, ident: &str) -> bool {
        self.taken.contains(unraw(ident))
    }

    /// Marks a finished Rust identifier as used, e.g. a name chosen elsewhere.
    pub fn reserve(&mut self, ident: &str) {
        self.taken.insert(unraw(ident).to_owned());
    }

    /// Claims `ident` (a finished Rust identifier, possibly escaped), or `ident2`, `ident3`, ...
    /// (`ident_2`, ... in snake case) if it is taken, and returns the claimed name.
    pub fn claim(&mut self, ident: &str) -> String {
        // A free name is reserved by the one lookup that finds it free.
        match self.taken.insert(unraw(ident).to_owned()) {
            true => ident.to_owned(),
            false => self.claim_numbered(ident),
        }
    }

    /// [`NameScope::claim`] for a name the caller already owns: a free name is handed back as
    /// it is, so only the scope's own copy is allocated.
    pub fn claim_owned(&mut self, ident: String) -> String {
        match self.taken.insert(unraw(&ident).to_owned()) {
            true => ident,
            false => self.claim_numbered(&ident),
        }
    }

    /// The first free `ident2`, `ident3`, ... (`ident_2`, ... in snake case), claimed: for an
    /// `ident` already taken.
    fn claim_numbered(&mut self, ident: &str) -> String {
        let stem = unraw(ident).trim_end_matches('_');
        let separator = self.case.number_separator();
        let mut number = self.next_number.get(stem).copied().unwrap_or(2);
        loop {
            let candidate = escaped(format!("{stem}{separator}{number}"));
            if self.taken.insert(unraw(&candidate).to_owned()) {
                self.next_number.insert(stem.to_owned(), number + 1);
                return candidate;
            }
            number += 1;
        }
    }

    /// Claims the first free name among `candidates` (finished identifiers); when all are taken,
    /// numbers the first one.
    pub fn claim_first_free(&mut self, candidates: &[&str]) -> String {
        match candidates.iter().find(|c| !self.is_taken(c)) {
            Some(free) => self.claim(free),
            None => self.claim(candidates.first().copied().unwrap_or("Unnamed")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_follow_rust_conventions() {
        assert_eq!(
            type_name("unifiedRoleManagementAlert"),
            "UnifiedRoleManagementAlert"
        );
        assert_eq!(field_name("alertIncidents"), "alert_incidents");
        assert_eq!(variant_name("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(module_name("identityGovernance"), "identity_governance");
    }

    #[test]
    fn keywords_are_escaped() {
        for kw in [
            "type", "move", "override", "loop", "match", "ref", "async", "await", "dyn",
        ] {
            assert_eq!(field_name(kw), format!("r#{kw}"));
        }
        assert_eq!(field_name("gen"), "r#gen");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("self"), "Self_");
    }

    #[test]
    fn setters_are_named_after_their_accessor() {
        assert_eq!(setter_name("is_enabled"), "set_is_enabled");
        assert_eq!(setter_name(&field_name("type")), "set_type");
        assert_eq!(setter_name(&field_name("self")), "set_self");
        assert_eq!(setter_name("name_2"), "set_name_2");
        assert_eq!(setter_name("trailing_"), "set_trailing_");
    }

    #[test]
    fn invalid_characters_and_leading_digits() {
        assert_eq!(field_name("@odata.type"), "odata_type");
        assert_eq!(field_name("content-type"), "content_type");
        assert_eq!(type_name("3dModel"), "N3dModel");
        assert_eq!(field_name("3dModel"), "_3d_model");
        assert_eq!(field_name("@"), "unnamed");
        assert_eq!(type_name("ümlaut"), "Mlaut");
    }

    #[test]
    fn scope_numbers_later_claimants() {
        let mut fields = NameScope::new(Case::Snake);
        assert_eq!(fields.claim(&field_name("Name")), "name");
        assert_eq!(fields.claim(&field_name("name")), "name_2");
        assert_eq!(fields.claim(&field_name("NAME")), "name_3");
        assert_eq!(fields.claim(&field_name("type")), "r#type");
        assert_eq!(fields.claim(&field_name("Type")), "type_2");
        let mut types = NameScope::new(Case::UpperCamel);
        assert_eq!(types.claim("Alert"), "Alert");
        assert_eq!(types.claim("Alert"), "Alert2");
        assert_eq!(types.claim_owned("Alert".to_owned()), "Alert3");
        assert_eq!(types.claim_owned("Incident".to_owned()), "Incident");
        assert_eq!(types.claim("Incident"), "Incident2");
    }

    #[test]
    fn numbering_skips_reserved_names_and_stays_linear() {
        let mut scope = NameScope::new(Case::Snake);
        scope.reserve("alert_3");
        let claimed: Vec<String> = (0..4).map(|_| scope.claim("alert")).collect();
        assert_eq!(claimed, ["alert", "alert_2", "alert_4", "alert_5"]);
        scope.reserve("alert_6");
        assert_eq!(scope.claim("alert"), "alert_7");
        let mut many = NameScope::new(Case::UpperCamel);
        let last = (0..20_000).map(|_| many.claim("Item")).last();
        assert_eq!(last.as_deref(), Some("Item20000"));
    }

    #[test]
    fn distinct_names_are_found_in_small_and_large_sets() {
        assert!(all_distinct([]));
        assert!(all_distinct(["a", "b", "r#type"]));
        assert!(!all_distinct(["a", "type", "r#type"]));
        let many: Vec<String> = (0..100).map(|i| format!("f{i}")).collect();
        // Pairwise (up to 8 names), sorted on the stack (up to 64) and hashed (more).
        for size in [3, 8, 9, 30, 63, 64, 65, 100] {
            let names = &many[..size];
            assert!(all_distinct(names.iter().map(String::as_str)), "{size}");
            for dup in (0..size).step_by(7).chain([size - 1]) {
                let with_dup = names
                    .iter()
                    .map(String::as_str)
                    .chain([names[dup].as_str()]);
                assert!(!all_distinct(with_dup), "{size} {dup}");
                let early = [names[dup].as_str()]
                    .into_iter()
                    .chain(names.iter().map(String::as_str));
                assert!(!all_distinct(early), "{size} {dup}");
                let raw = format!("r#{}", names[dup]);
                let with_raw = names.iter().map(String::as_str).chain([raw.as_str()]);
                assert!(!all_distinct(with_raw), "{size} r#{dup}");
            }
        }
    }

    /// Equal hashes are settled by comparing the names: a collision of different names is no
    /// repeat, a repeated name is one, whatever the hash.
    #[test]
    fn equal_hashes_are_settled_by_the_names() {
        let names: Vec<String> = (0..20).map(|i| format!("f{i}")).collect();
        let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert!(distinct_by_hashes(&names, |_| 7));
        assert!(distinct_by_hashes(&names, hash_of));
        names.push("f3");
        assert!(!distinct_by_hashes(&names, |_| 7));
        assert!(!distinct_by_hashes(&names, hash_of));
    }

    #[test]
    fn first_free_candidate() {
        let mut variants = NameScope::new(Case::UpperCamel);
        variants.claim("Other");
        assert_eq!(
            variants.claim_first_free(&["Other", "UnknownValue"]),
            "UnknownValue"
        );
        assert_eq!(
            variants.claim_first_free(&["Other", "UnknownValue"]),
            "Other2"
        );
    }
}
