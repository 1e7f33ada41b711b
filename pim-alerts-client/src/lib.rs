//! Typed async client for the Microsoft Graph beta PIM security alerts API.
