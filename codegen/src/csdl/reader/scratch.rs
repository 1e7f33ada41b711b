//! Reused buffers for the member lists the reader collects (properties, navigation properties,
//! enum members, parameters). A list is built up in its buffer and then moved out into a vector
//! of exactly its length: one allocation per list instead of a reallocation (and copy of every
//! item so far) each time a growing vector runs full. The buffers keep their allocation for the
//! next element.

use crate::csdl::syntax::{EnumMember, NavigationProperty, Parameter, Property};

/// One buffer per kind of list; each is empty between uses.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// `Property` children of the structured type being read.
    pub(super) properties: Vec<Property>,
    /// `NavigationProperty` children of the structured type being read.
    pub(super) navigation_properties: Vec<NavigationProperty>,
    /// `Member` children of the enum type being read.
    pub(super) members: Vec<EnumMember>,
    /// `Parameter` children of the operation being read.
    pub(super) parameters: Vec<Parameter>,
}

/// The items collected in `buffer`, moved into an exactly sized vector; `buffer` is left empty
/// with its allocation.
pub(super) fn exact<T>(buffer: &mut Vec<T>) -> Vec<T> {
    let mut items = Vec::with_capacity(buffer.len());
    items.append(buffer);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_items_out_exactly_sized_and_keeps_the_buffer() {
        let mut buffer: Vec<u32> = Vec::with_capacity(64);
        buffer.extend([1, 2, 3]);
        let items = exact(&mut buffer);
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(items.capacity(), 3);
        assert!(buffer.is_empty() && buffer.capacity() >= 64);
    }
}
