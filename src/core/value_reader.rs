//! Typed records read from parsed JSON, objects only where a struct is asked for.
//!
//! Every record the engine takes (inquiries, settings, zones, stored queue items,
//! templates) is parsed into a `serde_json::Value` first and then read as its type.
//! serde_json's own reader of a `&Value` also reads a struct from a JSON *array*
//! (its fields by position), so every derived struct reader came into the wasm twice:
//! once for objects and once for arrays, which no caller sends and no format in
//! `docs/formats.md` allows. [`read`] is serde_json's reader with that second way
//! left out: a struct is read from an object alone, and an array in its place is
//! refused as any other wrong kind of value is ("invalid type: sequence, expected
//! struct Zone"). Everything else answers as serde_json's reader does, message for
//! message: the scalars are handed to it, and lists, maps and options are walked here
//! as it walks them (so that the records inside them are read here too).

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;
use serde_json::{Error, Map, Value};

/// Reads `value` as a `T`, structs from JSON objects only.
pub fn read<'de, T: Deserialize<'de>>(value: &'de Value) -> Result<T, Error> {
    T::deserialize(Reader(value))
}

/// A parsed value being read (see the module's documentation).
#[derive(Clone, Copy)]
struct Reader<'de>(&'de Value);

/// What a value is, in an error's words (serde_json's own choice of each).
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

impl<'de> Reader<'de> {
    fn wrong_kind<V: Visitor<'de>>(self, visitor: &V) -> Error {
        de::Error::invalid_type(unexpected(self.0), visitor)
    }
}

/// A list's items, each read as the value it is; all must be taken.
fn visit_list<'de, V: Visitor<'de>>(list: &'de [Value], visitor: V) -> Result<V::Value, Error> {
    let mut items = Items(list.iter());
    let read = visitor.visit_seq(&mut items)?;
    if items.0.len() == 0 {
        Ok(read)
    } else {
        Err(de::Error::invalid_length(
            list.len(),
            &"fewer elements in array",
        ))
    }
}

/// An object's members, each value read as the value it is; all must be taken.
fn visit_object<'de, V: Visitor<'de>>(
    object: &'de Map<String, Value>,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut members = Members {
        members: object.iter(),
        value: None,
    };
    let read = visitor.visit_map(&mut members)?;
    if members.members.len() == 0 {
        Ok(read)
    } else {
        Err(de::Error::invalid_length(
            object.len(),
            &"fewer elements in map",
        ))
    }
}

struct Items<'de>(std::slice::Iter<'de, Value>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(Reader(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Members<'de> {
    members: serde_json::map::Iter<'de>,
    value: Option<&'de Value>,
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::<Error>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Reader(value)),
            None => Err(de::Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// The scalar readers, handed to serde_json's reader of a `&Value` (they visit no
/// list, object or option, so no record is read there).
macro_rules! scalars {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            de::Deserializer::$method(self.0, visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Reader<'de> {
    type Error = Error;

    scalars!(deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_unit deserialize_identifier deserialize_ignored_any);

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => de::Deserializer::deserialize_any(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(list) => visit_list(list, visitor),
            Value::Object(object) => visit_object(object, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(list) => visit_list(list, visitor),
            _ => Err(self.wrong_kind(&visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(list) => visit_list(list, visitor),
            _ => Err(self.wrong_kind(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(object) => visit_object(object, visitor),
            _ => Err(self.wrong_kind(&visitor)),
        }
    }

    /// A struct from an object alone: the one difference from serde_json's reader.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// Enums as serde_json reads them: a unit variant from its name, a variant with
    /// data from an object of one member (handed to serde_json's reader).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(variant) => {
                visitor.visit_enum(BorrowedStrDeserializer::<Error>::new(variant))
            }
            value => de::Deserializer::deserialize_enum(value, name, variants, visitor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Record {
        name: String,
        #[serde(default)]
        count: Option<u8>,
        kind: Option<Kind>,
        parts: Vec<Part>,
        #[serde(default)]
        by_key: BTreeMap<Kind, f64>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Part {
        at: i64,
    }

    #[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Buyer,
        Seller,
    }

    /// Every record serde_json's reader reads, or refuses, this reader reads, or
    /// refuses with the same words; only a struct given as an array differs.
    #[test]
    fn answers_as_serde_json_reads_objects() {
        let texts = [
            r#"{"name":"a","parts":[]}"#,
            r#"{"name":"a","count":7,"kind":"buyer","parts":[{"at":-3}],"byKey":{"seller":1.5}}"#,
            r#"{"name":"a","count":null,"kind":null,"parts":[{"at":1},{"at":2}],"extra":[1]}"#,
            r#"{"name":"a","count":300,"parts":[]}"#,
            r#"{"name":"a","count":-1,"parts":[]}"#,
            r#"{"name":"a","count":1.5,"parts":[]}"#,
            r#"{"name":"a","kind":"other","parts":[]}"#,
            r#"{"name":"a","kind":{"buyer":1},"parts":[]}"#,
            r#"{"name":"a","kind":7,"parts":[]}"#,
            r#"{"name":"a","parts":{"at":1}}"#,
            r#"{"name":"a","parts":[{"at":"1"}]}"#,
            r#"{"name":"a","parts":[{"at":1.0}]}"#,
            r#"{"name":"a","parts":[null]}"#,
            r#"{"name":"a","parts":[],"byKey":{"nobody":1}}"#,
            r#"{"name":"a","parts":[],"byKey":[]}"#,
            r#"{"name":"a","parts":[],"name":"b"}"#,
            r#"{"name":1,"parts":[]}"#,
            r#"{"parts":[]}"#,
            r#"{"name":"a"}"#,
            r#"{}"#,
            r#""text""#,
            r#"12"#,
            r#"-12"#,
            r#"0.25"#,
            r#"true"#,
            r#"null"#,
        ];
        for text in texts {
            let value: Value = serde_json::from_str(text).expect("test JSON");
            let theirs = Record::deserialize(&value).map_err(|e| e.to_string());
            let ours = read::<Record>(&value).map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn a_struct_is_never_read_from_an_array() {
        let value: Value = serde_json::from_str(r#"["a", null, null, [], {}]"#).expect("JSON");
        assert!(
            Record::deserialize(&value).is_ok(),
            "serde_json reads it by position"
        );
        let refused = read::<Record>(&value).map_err(|e| e.to_string());
        assert_eq!(
            refused,
            Err("invalid type: sequence, expected struct Record".to_string())
        );
        let nested: Value = serde_json::from_str(r#"{"name":"a","parts":[[1]]}"#).expect("JSON");
        assert_eq!(
            read::<Record>(&nested).map_err(|e| e.to_string()),
            Err("invalid type: sequence, expected struct Part".to_string())
        );
    }
}
