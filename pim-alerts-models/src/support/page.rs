//! One page of a collection response (`value` plus `@odata.*` control information).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::edm::Int64;
use super::object::{Found, Key, field};

const VALUE: &str = "value";
const NEXT_LINK: &str = "@odata.nextLink";
const COUNT: &str = "@odata.count";
const DELTA_LINK: &str = "@odata.deltaLink";

/// A page of a collection: the items and the links to follow.
///
/// `value` is decoded element by element straight from the input (no buffering).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// `@odata.nextLink`: URL of the next page, if any.
    pub next_link: Option<String>,
    /// `@odata.count`: total item count (with `$count=true`).
    pub count: Option<i64>,
    /// `@odata.deltaLink`: URL for the next delta query (last page of a delta round).
    pub delta_link: Option<String>,
    /// Other keys (`@odata.context`, `@microsoft.graph.tips`, explicit `null`s, ...).
    pub additional_properties: Map<String, Value>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            value: Vec::new(),
            next_link: None,
            count: None,
            delta_link: None,
            additional_properties: Map::new(),
        }
    }
}

impl<T> Page<T> {
    /// A page holding `value` and nothing else.
    pub fn new(value: Vec<T>) -> Self {
        Page {
            value,
            ..Page::default()
        }
    }

    fn is_set(&self, key: &str) -> bool {
        match key {
            VALUE => true,
            NEXT_LINK => self.next_link.is_some(),
            COUNT => self.count.is_some(),
            DELTA_LINK => self.delta_link.is_some(),
            _ => false,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PageVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
            type Value = Page<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a collection page object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
                let mut page = Page::default();
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    let found = match &*key {
                        VALUE => {
                            page.value = map.next_value()?;
                            Found::Value
                        }
                        NEXT_LINK => field(&mut page.next_link, &mut map)?,
                        DELTA_LINK => field(&mut page.delta_link, &mut map)?,
                        COUNT => {
                            let count: Option<Int64> = map.next_value()?;
                            page.count = count.map(|c| c.0);
                            if page.count.is_some() {
                                Found::Value
                            } else {
                                Found::Null
                            }
                        }
                        _ => Found::Unknown,
                    };
                    let value = match found {
                        Found::Value => continue,
                        Found::Null => Value::Null,
                        Found::Unknown => map.next_value()?,
                    };
                    page.additional_properties.insert(key.into_owned(), value);
                }
                Ok(page)
            }
        }
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

impl<T: Serialize> Serialize for Page<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in &self.additional_properties {
            if !self.is_set(key) {
                map.serialize_entry(key, value)?;
            }
        }
        if let Some(count) = self.count {
            map.serialize_entry(COUNT, &count)?;
        }
        map.serialize_entry(VALUE, &self.value)?;
        if let Some(link) = &self.next_link {
            map.serialize_entry(NEXT_LINK, link)?;
        }
        if let Some(link) = &self.delta_link {
            map.serialize_entry(DELTA_LINK, link)?;
        }
        map.end()
    }
}
