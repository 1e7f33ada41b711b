//! Typed `$filter` expressions.
//!
//! The generator emits, per entity or complex type, a small struct of property handles
//! (`UnifiedRoleManagementAlertFilter`): one method per filterable property returning a
//! [`Property<R, T>`], one per single-valued navigation or complex property returning the
//! target type's struct one path segment deeper. Everything else lives here:
//!
//! * [`Property`] has `eq`/`ne`/`is_in` for every [`Literal`] value type, `gt`/`ge`/`lt`/`le`
//!   for [`Ordered`] ones, `is_null`/`is_not_null`, `starts_with` for strings; values are written by the one encoder in
//!   [`literal`](super::literal).
//! * [`Filter`] combines with `and`, `or` and `not`, adding parentheses exactly where OData's
//!   precedence (`not` > comparisons > `and` > `or`) needs them.
//! * `R` is the type the whole filter applies to (the listed entity), so a filter built for
//!   alerts cannot be passed to a list of definitions; `T` is the property's value type.
//! * [`Filter::raw`] and the builders' `filter_raw` are the escape hatch for what the typed
//!   API does not cover (lambda operators, functions).
//!
//! ```
//! use pim_alerts_client::UnifiedRoleManagementAlertFilter;
//! use pim_alerts_models::AlertSeverity;
//!
//! let a = UnifiedRoleManagementAlertFilter::new();
//! let filter = a.is_active().eq(true).and(
//!     a.incident_count()
//!         .gt(0)
//!         .or(a.alert_definition().severity_level().eq(AlertSeverity::High)),
//! );
//! assert_eq!(
//!     filter.as_str(),
//!     "isActive eq true and (incidentCount gt 0 or alertDefinition/severityLevel eq 'high')"
//! );
//! ```
//!
//! On a list builder, the handles are passed to a closure:
//!
//! ```no_run
//! # async fn demo(client: pim_alerts_client::Client) -> Result<(), pim_alerts_client::Error> {
//! let page = client
//!     .identity_governance()
//!     .role_management_alerts()
//!     .alerts()
//!     .list()
//!     .directory_role_scope()
//!     .filter(|a| a.is_active().eq(true).and(a.incident_count().gt(0)))
//!     .send()
//!     .await?;
//! # let _ = page; Ok(()) }
//! ```
//!
//! Property names and value types are checked by the compiler: a boolean is not compared with
//! a string, and booleans have no `gt`.
//!
//! ```compile_fail
//! let a = pim_alerts_client::UnifiedRoleManagementAlertFilter::new();
//! let _ = a.is_active().eq("yes");
//! ```
//!
//! ```compile_fail
//! let a = pim_alerts_client::UnifiedRoleManagementAlertFilter::new();
//! let _ = a.is_active().gt(false);
//! ```

use std::fmt;
use std::marker::PhantomData;

use super::literal::{Literal, Ordered, write_quoted};

mod names;

/// How tightly an expression binds, for deciding where parentheses go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// `a or b` (and raw text, whose structure is unknown).
    Or,
    /// `a and b`.
    And,
    /// A comparison, `not (...)` or a parenthesized group.
    Atom,
}

/// A `$filter` expression over `R` (the type of the listed items).
pub struct Filter<R> {
    text: String,
    level: Level,
    _root: PhantomData<fn() -> R>,
}

impl<R> Filter<R> {
    fn new(text: String, level: Level) -> Self {
        Filter {
            text,
            level,
            _root: PhantomData,
        }
    }

    /// Raw OData text, used as is (grouped in parentheses when combined).
    pub fn raw(text: impl Into<String>) -> Self {
        Filter::new(text.into(), Level::Or)
    }

    /// `self and other`.
    pub fn and(self, other: Filter<R>) -> Filter<R> {
        let text = format!("{} and {}", self.at(Level::And), other.at(Level::And));
        Filter::new(text, Level::And)
    }

    /// `self or other`.
    pub fn or(self, other: Filter<R>) -> Filter<R> {
        Filter::new(format!("{} or {}", self.text, other.text), Level::Or)
    }

    /// `not (self)`.
    #[allow(clippy::should_implement_trait, reason = "reads as OData's `not`")]
    pub fn not(self) -> Filter<R> {
        Filter::new(format!("not ({})", self.text), Level::Atom)
    }

    /// The expression in parentheses (never needed for correctness; for readability).
    pub fn group(self) -> Filter<R> {
        match self.level {
            Level::Atom if self.text.starts_with('(') => self,
            _ => Filter::new(format!("({})", self.text), Level::Atom),
        }
    }

    /// The OData text (raw, not yet percent-encoded).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The OData text.
    pub fn into_string(self) -> String {
        self.text
    }

    /// The text as an operand of an operator binding as tightly as `level`.
    fn at(&self, level: Level) -> String {
        match self.level < level {
            true => format!("({})", self.text),
            false => self.text.clone(),
        }
    }
}

/// `not (filter)`, as a free function.
pub fn not<R>(filter: Filter<R>) -> Filter<R> {
    filter.not()
}

impl<R> Clone for Filter<R> {
    fn clone(&self) -> Self {
        Filter::new(self.text.clone(), self.level)
    }
}

impl<R> fmt::Debug for Filter<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Filter").field(&self.text).finish()
    }
}

impl<R> fmt::Display for Filter<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<R> PartialEq for Filter<R> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// Where a generated filter struct sits: the path from `R` to it (`alertConfiguration/`).
pub struct Path<R> {
    prefix: String,
    _root: PhantomData<fn() -> R>,
}

impl<R> Path<R> {
    /// The root: properties of `R` itself.
    pub fn root() -> Self {
        Path {
            prefix: String::new(),
            _root: PhantomData,
        }
    }

    /// The handle of property `name` here.
    pub fn property<T>(&self, name: &str) -> Property<R, T> {
        Property {
            path: format!("{}{name}", self.prefix),
            _types: PhantomData,
        }
    }

    /// One segment deeper: a single-valued navigation or complex property, or a type cast
    /// (`microsoft.graph.staleSignInAlertConfiguration`).
    pub fn segment(&self, name: &str) -> Path<R> {
        Path {
            prefix: format!("{}{name}/", self.prefix),
            _root: PhantomData,
        }
    }
}

impl<R> Default for Path<R> {
    fn default() -> Self {
        Path::root()
    }
}

impl<R> Clone for Path<R> {
    fn clone(&self) -> Self {
        Path {
            prefix: self.prefix.clone(),
            _root: PhantomData,
        }
    }
}

impl<R> fmt::Debug for Path<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Path").field(&self.prefix).finish()
    }
}

/// A property of type `T`, reached from `R`, to compare with values.
pub struct Property<R, T> {
    path: String,
    _types: PhantomData<fn() -> (R, T)>,
}

impl<R, T> Property<R, T> {
    /// The property path (`alertDefinition/severityLevel`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `path eq null`.
    pub fn is_null(self) -> Filter<R> {
        Filter::new(format!("{} eq null", self.path), Level::Atom)
    }

    /// `path ne null`.
    pub fn is_not_null(self) -> Filter<R> {
        Filter::new(format!("{} ne null", self.path), Level::Atom)
    }

    fn compare(self, op: &str, value: &T) -> Filter<R>
    where
        T: Literal,
    {
        let mut text = self.path;
        text.push(' ');
        text.push_str(op);
        text.push(' ');
        value.write_literal(&mut text);
        Filter::new(text, Level::Atom)
    }
}

impl<R, T: Literal> Property<R, T> {
    /// `path eq value`.
    pub fn eq(self, value: impl Into<T>) -> Filter<R> {
        self.compare("eq", &value.into())
    }

    /// `path ne value`.
    pub fn ne(self, value: impl Into<T>) -> Filter<R> {
        self.compare("ne", &value.into())
    }
}

impl<R, T: Literal> Property<R, T> {
    /// `path in (v1,v2,...)`; with no values at all, `false` (nothing is in an empty set).
    pub fn is_in<V: Into<T>>(self, values: impl IntoIterator<Item = V>) -> Filter<R> {
        let mut text = format!("{} in (", self.path);
        let mut any = false;
        for value in values {
            if any {
                text.push(',');
            }
            value.into().write_literal(&mut text);
            any = true;
        }
        text.push(')');
        match any {
            true => Filter::new(text, Level::Atom),
            false => Filter::new("false".to_owned(), Level::Atom),
        }
    }
}

impl<R, T: Ordered> Property<R, T> {
    /// `path gt value`.
    pub fn gt(self, value: impl Into<T>) -> Filter<R> {
        self.compare("gt", &value.into())
    }

    /// `path ge value`.
    pub fn ge(self, value: impl Into<T>) -> Filter<R> {
        self.compare("ge", &value.into())
    }

    /// `path lt value`.
    pub fn lt(self, value: impl Into<T>) -> Filter<R> {
        self.compare("lt", &value.into())
    }

    /// `path le value`.
    pub fn le(self, value: impl Into<T>) -> Filter<R> {
        self.compare("le", &value.into())
    }
}

impl<R> Property<R, String> {
    /// `startswith(path,'prefix')`.
    pub fn starts_with(self, prefix: &str) -> Filter<R> {
        let mut text = format!("startswith({},", self.path);
        write_quoted(prefix, &mut text);
        text.push(')');
        Filter::new(text, Level::Atom)
    }
}

impl<R, T> Clone for Property<R, T> {
    fn clone(&self) -> Self {
        Property {
            path: self.path.clone(),
            _types: PhantomData,
        }
    }
}

impl<R, T> fmt::Debug for Property<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Property").field(&self.path).finish()
    }
}

/// The `$filter` clauses a request builder collected: joined with `and` when sent.
#[derive(Debug, Clone, Default)]
pub struct Clauses {
    joined: Option<Filter<()>>,
}

impl Clauses {
    /// Adds a typed clause.
    pub fn push<R>(&mut self, filter: Filter<R>) {
        self.push_erased(Filter::new(filter.text, filter.level));
    }

    /// Adds raw OData text (grouped in parentheses when there are other clauses).
    pub fn push_raw(&mut self, text: &str) {
        self.push_erased(Filter::raw(text));
    }

    fn push_erased(&mut self, filter: Filter<()>) {
        self.joined = Some(match self.joined.take() {
            None => filter,
            Some(before) => before.and(filter),
        });
    }

    /// Whether no clause was added.
    pub fn is_empty(&self) -> bool {
        self.joined.is_none()
    }

    /// Whether the clauses refer to `property` of the listed item itself, in any ASCII case
    /// (Graph reads property names case-insensitively): as a whole name outside string
    /// literals, at the start of a path or after type casts and `$it` only. A later segment of
    /// a path (`alertDefinition/scopeId`) or a path on a lambda variable (`x/scopeId` in
    /// `any(x: ...)`) names another entity's property and does not count; the rule in full is
    /// in `filter/names.rs`.
    pub fn mentions(&self, property: &str) -> bool {
        let mut names = (self.joined.iter()).flat_map(|f| names::item_properties(&f.text));
        names.any(|name| name.eq_ignore_ascii_case(property))
    }

    /// The `$filter` text, if any clause was added.
    pub fn into_text(self) -> Option<String> {
        self.joined.map(Filter::into_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_mention_whole_names_only() {
        let mut clauses = Clauses::default();
        assert!(!clauses.mentions("scopeId"));
        clauses.push_raw("scopeIdentity eq 'scopeId'");
        assert!(
            !clauses.mentions("scopeId"),
            "a longer name or a literal is not the name"
        );
        clauses.push_raw("ScopeID ne null");
        assert!(clauses.mentions("scopeId"), "in any case");
    }

    #[test]
    fn clauses_do_not_mention_a_property_of_another_entity() {
        let mut clauses = Clauses::default();
        clauses.push_raw("alertDefinition/scopeId eq '/' and alertDefinition/scopeType eq 'x'");
        assert!(!clauses.mentions("scopeId") && !clauses.mentions("scopeType"));
        assert!(clauses.mentions("alertDefinition"));
        clauses.push_raw("alertIncidents/any(x: x/scopeType eq 'x')");
        assert!(
            !clauses.mentions("scopeType"),
            "a lambda variable's property"
        );
        clauses.push_raw("microsoft.graph.unifiedRoleManagementAlert/scopeType eq 'x'");
        assert!(clauses.mentions("scopeType"), "through a type cast");
    }
}
