//! The models writer: prints the `src/generated/` tree of the models crate from a [`Plan`].
