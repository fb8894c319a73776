//! The `screen` and `screen_catalogue` operations.

use super::{CatalogueRequest, CatalogueScreening, ScreenRequest, Screened};
use crate::answer::Answered;
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `screen`: whether one item is to be devolved first, with caution, or neither (Plan §1).
pub struct Screen;

impl Decision for Screen {
    const OPERATION: &'static str = "screen";
    const SCHEMA_NAME: &'static str = "screen";
    type Request = ScreenRequest;
    type Answer<'a> = Answered<'a, Screened>;

    fn resolve_names(r: &mut ScreenRequest, names: &mut NameResolver<'_>) {
        names.field(NameKind::Item, || "item".into(), &mut r.item);
    }

    fn decide<'a>(engine: &'a Engine, r: ScreenRequest) -> Result<Self::Answer<'a>, InputError> {
        Answered::decide(
            engine,
            r.trace,
            |t| match t {
                Some(t) => engine.screen_traced(&r, t),
                None => engine.screen(&r),
            },
            |b| (b.rules, b.summary()),
        )
    }
}

/// `screen_catalogue`: the suggested list for a town class (Plan §1).
pub struct ScreenCatalogue;

impl Decision for ScreenCatalogue {
    const OPERATION: &'static str = "screen_catalogue";
    const SCHEMA_NAME: &'static str = "screen-catalogue";
    type Request = CatalogueRequest;
    type Answer<'a> = Answered<'a, CatalogueScreening>;

    fn decide<'a>(engine: &'a Engine, r: CatalogueRequest) -> Result<Self::Answer<'a>, InputError> {
        Answered::decide(
            engine,
            r.trace,
            |t| match t {
                Some(t) => engine.screen_catalogue_traced(&r, t),
                None => engine.screen_catalogue(&r),
            },
            |b| (b.rules, b.summary()),
        )
    }
}
