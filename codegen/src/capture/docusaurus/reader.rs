//! Reading: the page's lines into fields, by section.

use super::lines::{classify, clean, is_name, Badges, Kind, Label, Params, TypeWord};
use crate::capture::page::{json_block, Page};
use crate::capture::{excerpt, CaptureError};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Reading: lines into fields, by section

/// Where a field's qualifier line stands relative to its description. The plugin has printed
/// both orders over its versions (seed 004 and most pages: the qualifier first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Order {
    QualifierFirst,
    DescriptionFirst,
}

/// The kinds of line a field collects after its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Qualifier,
    Constant,
    Default,
    Description,
    Example,
}

impl Part {
    /// Where the part stands in a field, so that an unnamed field ends where a part comes again
    /// or out of order.
    fn slot(self, order: Order) -> u8 {
        match (order, self) {
            (Order::QualifierFirst, Part::Qualifier) => 1,
            (Order::QualifierFirst, Part::Constant) => 2,
            (Order::QualifierFirst, Part::Default) => 3,
            (Order::QualifierFirst, Part::Description) => 4,
            (Order::DescriptionFirst, Part::Description) => 1,
            (Order::DescriptionFirst, Part::Qualifier) => 2,
            (Order::DescriptionFirst, Part::Constant) => 3,
            (Order::DescriptionFirst, Part::Default) => 4,
            (_, Part::Example) => 5,
        }
    }
}

/// One property as the page shows it.
#[derive(Clone, Debug, Default)]
pub(super) struct Field {
    /// 1-based line where the field starts.
    pub(super) line: usize,
    pub(super) name: Option<String>,
    pub(super) ty: Option<TypeWord>,
    pub(super) badges: Badges,
    /// The page shows a name or type line for it: the lines after it are its own.
    pub(super) header: bool,
    pub(super) qualifier: Option<(usize, String)>,
    pub(super) constant: Option<(usize, String)>,
    pub(super) default: Option<(usize, String)>,
    pub(super) description: Option<String>,
    pub(super) example: Option<(usize, String)>,
    /// The last part an unnamed field collected.
    pub(super) slot: u8,
}

impl Field {
    pub(super) fn is_container(&self) -> bool {
        self.ty.as_ref().is_some_and(TypeWord::is_object)
    }

    pub(super) fn has(&self, part: Part) -> bool {
        match part {
            Part::Qualifier => self.qualifier.is_some(),
            Part::Constant => self.constant.is_some(),
            Part::Default => self.default.is_some(),
            Part::Description => self.description.is_some(),
            Part::Example => self.example.is_some(),
        }
    }

    pub(super) fn put(&mut self, part: Part, line: usize, text: String) {
        match part {
            Part::Qualifier => self.qualifier = Some((line, text)),
            Part::Constant => self.constant = Some((line, text)),
            Part::Default => self.default = Some((line, text)),
            Part::Example => self.example = Some((line, text)),
            Part::Description => match &mut self.description {
                Some(before) => {
                    before.push(' ');
                    before.push_str(&text);
                }
                None => self.description = Some(text),
            },
        }
    }

    /// How notes quote an unnamed field: its description, or else its first other line.
    pub(super) fn quoted(&self) -> String {
        let text = match (&self.description, &self.qualifier, &self.default) {
            (Some(d), _, _) => d.clone(),
            (None, Some((_, q)), _) => format!("Possible values: {q}"),
            (None, None, Some((_, d))) => format!("Default value: {d}"),
            _ => String::new(),
        };
        excerpt(&text)
    }
}

/// A field, or one of the `Array [` … `]` lines that wrap an array's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Entry {
    Field(usize),
    Open(usize),
    Close(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ScopeKind {
    Params(Params),
    Body,
    Response(String),
}

/// One section that lists fields: a parameter list, the body, or one response's schema.
#[derive(Debug)]
pub(super) struct Scope {
    pub(super) kind: ScopeKind,
    /// A response's description.
    pub(super) description: Option<String>,
    pub(super) fields: Vec<Field>,
    pub(super) entries: Vec<Entry>,
    /// The `Example (from schema)` (responses) or request example that came with it.
    pub(super) sample: Option<Value>,
}

impl Scope {
    fn new(kind: ScopeKind) -> Scope {
        Scope {
            kind,
            description: None,
            fields: Vec::new(),
            entries: Vec::new(),
            sample: None,
        }
    }
}

pub(super) struct Reader<'p> {
    page: &'p Page,
    lines: Vec<String>,
    kinds: Vec<Kind>,
    pub(super) order: Order,
    /// The order comes from the page's own named leaves, not from the plugin's usual one.
    pub(super) order_shown: bool,
    /// The page shows leaf names or types, so a container's own description follows its header
    /// (otherwise the lines after `basicData object` are its unnamed children).
    leaf_headers: bool,
    pub(super) unreadable: Vec<CaptureError>,
}

impl<'p> Reader<'p> {
    pub(super) fn new(page: &'p Page) -> Reader<'p> {
        let lines: Vec<String> = page.lines.iter().map(|l| clean(l)).collect();
        let kinds: Vec<Kind> = lines.iter().map(|l| classify(l)).collect();
        let leaf_headers = kinds.iter().any(|k| match k {
            Kind::Header(_, ty, _) | Kind::Type(ty, _) => !ty.is_object(),
            _ => false,
        });
        let shown = Self::order(&kinds);
        Reader {
            page,
            lines,
            kinds,
            order: shown.unwrap_or(Order::QualifierFirst),
            order_shown: shown.is_some(),
            leaf_headers,
            unreadable: Vec::new(),
        }
    }

    /// The order the page's own named leaves show, if any shows both a qualifier and a
    /// description before the next field.
    fn order(kinds: &[Kind]) -> Option<Order> {
        let leaf =
            |k: &Kind| matches!(k, Kind::Header(_, ty, _) | Kind::Type(ty, _) if !ty.is_object());
        let next_field = |i: usize| match &kinds[i] {
            // A name line: its type follows.
            Kind::Text(text) if is_name(text) => kinds[i + 1..]
                .iter()
                .take(64)
                .find(|k| **k != Kind::Blank)
                .is_some_and(|k| matches!(k, Kind::Type(..))),
            _ => false,
        };
        (0..kinds.len()).filter(|&i| leaf(&kinds[i])).find_map(|i| {
            let mut first = None;
            for j in (i + 1..kinds.len()).take(64) {
                match (&kinds[j], first) {
                    (Kind::Blank | Kind::Badges(_), _) => {}
                    _ if next_field(j) => return None,
                    (Kind::Qualifier(_), None) => first = Some(Part::Qualifier),
                    (Kind::Text(_), None) => first = Some(Part::Description),
                    (Kind::Text(_), Some(Part::Qualifier)) => return Some(Order::QualifierFirst),
                    (Kind::Qualifier(_), Some(Part::Description)) => {
                        return Some(Order::DescriptionFirst)
                    }
                    (Kind::Text(_) | Kind::Qualifier(_), _) => {}
                    (Kind::Default(_) | Kind::Constant(_) | Kind::Example(_), _) => {}
                    _ => return None,
                }
            }
            None
        })
    }

    fn problem(&mut self, index: usize, message: impl Into<String>) {
        self.unreadable
            .push(CaptureError::at(Page::number(index), message));
    }

    fn next_non_blank(&self, from: usize, end: usize) -> Option<usize> {
        (from..end).find(|&i| self.kinds[i] != Kind::Blank)
    }

    /// Every section that lists fields, in page order.
    pub(super) fn scopes(&mut self) -> Vec<Scope> {
        let n = self.kinds.len();
        let section_end = |kinds: &[Kind], from: usize| {
            (from..n)
                .find(|&i| matches!(kinds[i], Kind::Params(_) | Kind::Body | Kind::Responses))
                .unwrap_or(n)
        };
        let mut scopes = Vec::new();
        let mut i = 0;
        while i < n {
            match self.kinds[i].clone() {
                Kind::Params(params) => {
                    let end = section_end(&self.kinds, i + 1);
                    scopes.push(self.fields(ScopeKind::Params(params), i + 1, end));
                    i = end;
                }
                Kind::Body => {
                    let end = section_end(&self.kinds, i + 1);
                    scopes.push(self.fields(ScopeKind::Body, i + 1, end));
                    i = end;
                }
                Kind::Responses => {
                    self.responses(i, &mut scopes);
                    break;
                }
                _ => i += 1,
            }
        }
        // An API explorer's `Body` shows only the request example: it joins the body's fields.
        let sample = scopes
            .iter()
            .filter(|s| s.kind == ScopeKind::Body && s.fields.is_empty())
            .find_map(|s| s.sample.clone());
        let mut seen_body = false;
        scopes.retain(|s| {
            let keep = s.kind != ScopeKind::Body || (!s.fields.is_empty() && !seen_body);
            seen_body |= keep && s.kind == ScopeKind::Body;
            keep || (s.kind == ScopeKind::Body && !seen_body)
        });
        if let Some(body) = scopes.iter_mut().find(|s| s.kind == ScopeKind::Body) {
            if body.sample.is_none() {
                body.sample = sample;
            }
        }
        scopes
    }

    /// The fields of lines `start..end`, under the heading at `heading`.
    fn fields(&mut self, kind: ScopeKind, start: usize, end: usize) -> Scope {
        let mut scope = Scope::new(kind);
        let mut current: Option<usize> = None;
        let mut j = start;
        while j < end {
            let line = Page::number(j);
            match self.kinds[j].clone() {
                Kind::Open => {
                    scope.entries.push(Entry::Open(line));
                    current = None;
                }
                Kind::Close => {
                    scope.entries.push(Entry::Close(line));
                    current = None;
                }
                Kind::Json => {
                    match json_block(self.page, j, &self.page.lines[j]) {
                        Some((text, next)) => {
                            if let Ok(value) = serde_json::from_str::<Value>(&text) {
                                scope.sample.get_or_insert(value);
                                j = next;
                                continue;
                            }
                            self.attach(&mut scope, &mut current, Part::Description, line, self.lines[j].clone());
                        }
                        None => {
                            self.problem(j, "the page ends inside this example: expected its closing `}`");
                            return scope;
                        }
                    }
                }
                Kind::Combinator(word) => self.problem(
                    j,
                    format!("`{word}` alternatives (one tab each) are not captured: write this part of the schema by hand"),
                ),
                Kind::EnumTable => {
                    // `| Enum Value | Description |` rows repeat the values the qualifier lists.
                    j += 1;
                    while j < end && matches!(self.kinds[j], Kind::Text(_) | Kind::Blank) {
                        j += 1;
                    }
                    continue;
                }
                Kind::Header(name, ty, badges) => {
                    current = Some(Self::start(&mut scope, line, Some(name), Some(ty), badges));
                }
                Kind::Type(ty, badges) => {
                    current = Some(Self::start(&mut scope, line, None, Some(ty), badges));
                }
                Kind::Text(text) => {
                    let type_after = self
                        .next_non_blank(j + 1, end)
                        .filter(|&t| matches!(self.kinds[t], Kind::Type(..)));
                    match type_after {
                        // The name alone on its line, the type on the next (`basicData` / `object`).
                        Some(t) if is_name(&text) => {
                            let Kind::Type(ty, badges) = self.kinds[t].clone() else {
                                unreachable!("checked above")
                            };
                            current =
                                Some(Self::start(&mut scope, line, Some(text), Some(ty), badges));
                            j = t + 1;
                            continue;
                        }
                        _ => self.attach(&mut scope, &mut current, Part::Description, line, text),
                    }
                }
                Kind::Qualifier(first) => match self.qualifier_text(j, end, &first) {
                    Ok((text, next)) => {
                        self.attach(&mut scope, &mut current, Part::Qualifier, line, text);
                        j = next;
                        continue;
                    }
                    Err(message) => {
                        self.problem(j, message);
                        return scope;
                    }
                },
                Kind::Default(text) => self.attach(&mut scope, &mut current, Part::Default, line, text),
                Kind::Constant(text) => self.attach(&mut scope, &mut current, Part::Constant, line, text),
                Kind::Example(text) => self.attach(&mut scope, &mut current, Part::Example, line, text),
                Kind::Badges(badges) => {
                    if let Some(field) = current.map(|c| &mut scope.fields[c]) {
                        let bare = field.qualifier.is_none() && field.description.is_none();
                        if field.header && bare {
                            field.badges = field.badges.or(badges);
                        }
                    }
                }
                Kind::Blank
                | Kind::Ignored
                | Kind::Mime
                | Kind::Label(_)
                | Kind::Fence
                | Kind::Body
                | Kind::Responses
                | Kind::Params(_) => {}
            }
            j += 1;
        }
        scope
    }

    fn start(
        scope: &mut Scope,
        line: usize,
        name: Option<String>,
        ty: Option<TypeWord>,
        badges: Badges,
    ) -> usize {
        scope.fields.push(Field {
            line,
            name,
            ty,
            badges,
            header: true,
            ..Field::default()
        });
        scope.entries.push(Entry::Field(scope.fields.len() - 1));
        scope.fields.len() - 1
    }

    /// Gives a line to the field being read, or starts an unnamed field with it. A header takes
    /// every line up to the next header (a container only where leaves have headers too); an
    /// unnamed field ends where one of its parts comes again or out of the page's order.
    fn attach(
        &self,
        scope: &mut Scope,
        current: &mut Option<usize>,
        part: Part,
        line: usize,
        text: String,
    ) {
        let slot = part.slot(self.order);
        if let Some(field) = current.map(|c| &mut scope.fields[c]) {
            let takes = if field.header {
                (!field.is_container() || self.leaf_headers)
                    && (part == Part::Description || !field.has(part))
            } else {
                field.slot < slot
            };
            if takes {
                field.put(part, line, text);
                field.slot = slot;
                return;
            }
        }
        let mut field = Field {
            line,
            slot,
            ..Field::default()
        };
        field.put(part, line, text);
        scope.fields.push(field);
        scope.entries.push(Entry::Field(scope.fields.len() - 1));
        *current = Some(scope.fields.len() - 1);
    }

    /// A qualifier with its values, which some extractions spread over several lines
    /// (`Possible values:` / `[` / `M,` / `F` / `]`).
    fn qualifier_text(&self, j: usize, end: usize, first: &str) -> Result<(String, usize), String> {
        const MAX_CHARS: usize = 1 << 20;
        let mut text = first.to_owned();
        let mut k = j + 1;
        let cut = |k: usize, text: &str| {
            if k >= self.lines.len() {
                format!(
                    "the page ends inside `Possible values: {}`: expected the closing `]`",
                    excerpt(text)
                )
            } else {
                format!(
                    "`Possible values: {}` is not closed before line {}: expected `]`",
                    excerpt(text),
                    Page::number(k)
                )
            }
        };
        if text.is_empty() {
            let Some(next) = self.next_non_blank(k, end) else {
                return Err(cut(end, &text));
            };
            text = self.lines[next].clone();
            k = next + 1;
        }
        while text.matches('[').count() > text.matches(']').count() {
            let Some(next) = self.next_non_blank(k, end) else {
                return Err(cut(end, &text));
            };
            if text.len() > MAX_CHARS {
                return Err(cut(next, &text));
            }
            text.push_str(", ");
            text.push_str(&self.lines[next]);
            k = next + 1;
        }
        Ok((text, k))
    }

    /// `Responses`: the status codes, then for each its description, schema and samples.
    fn responses(&mut self, heading: usize, scopes: &mut Vec<Scope>) {
        let n = self.kinds.len();
        let mut statuses = Vec::new();
        let mut j = heading + 1;
        while let Some(at) = self.next_non_blank(j, n) {
            match &self.kinds[at] {
                Kind::Text(text) => match status(text) {
                    Some(code) => statuses.push(code),
                    None => break,
                },
                _ => break,
            }
            j = at + 1;
        }
        if statuses.is_empty() {
            self.problem(
                heading,
                "`Responses` lists no status codes: expected lines `200`, `400`, …",
            );
            return;
        }
        let anchors: Vec<usize> = (j..n).filter(|&i| self.is_anchor(i)).collect();
        for (s, code) in statuses.iter().enumerate() {
            let Some(start) = self.next_non_blank(j, n) else {
                break;
            };
            let mut k = start;
            let mut description = Vec::new();
            // A sample's closing fence may still stand before the description.
            while k < n && matches!(self.kinds[k], Kind::Text(_) | Kind::Blank | Kind::Fence) {
                if let Kind::Text(text) = &self.kinds[k] {
                    description.push((k, text.clone()));
                }
                k += 1;
            }
            if self.kinds.get(k) == Some(&Kind::Label(Label::ResponseHeaders)) {
                k = anchors.iter().copied().find(|&a| a > k).unwrap_or(n);
            }
            let anchors_left = anchors.len() - anchors.partition_point(|&a| a < k);
            let mut scope = Scope::new(ScopeKind::Response(code.clone()));
            let content = k < n && self.is_anchor(k);
            // Fewer tab lists than statuses left: a status with two lines of text before its
            // tabs has no schema, and the second line starts the next status.
            let shared = description.len() > 1 && anchors_left < statuses.len() - s;
            if !content || shared {
                // No schema: one line of description, and the next status starts after it.
                if let Some((at, text)) = description.first() {
                    scope.description = Some(text.clone());
                    j = at + 1;
                } else {
                    j = k;
                }
                scopes.push(scope);
                continue;
            }
            let text: Vec<&str> = description.iter().map(|(_, t)| t.as_str()).collect();
            scope.description = (!text.is_empty()).then(|| text.join(" "));
            j = self.response_content(k, &anchors, scope, scopes);
        }
    }

    /// The first line of a response's tabs: its media type, or (where the page shows none) the
    /// `Schema` tab that starts the tab list. The titles inside the tabs (`Schema`, `Example
    /// (from schema)`) follow other tab lines, or come after fields.
    fn is_anchor(&self, i: usize) -> bool {
        let tab = |k: &Kind| matches!(k, Kind::Mime | Kind::Label(_));
        let first = || {
            (0..i)
                .rev()
                .find(|&p| self.kinds[p] != Kind::Blank)
                .is_none_or(|p| !tab(&self.kinds[p]))
        };
        match &self.kinds[i] {
            Kind::Mime => first(),
            Kind::Label(Label::Schema) => {
                first()
                    && self
                        .next_non_blank(i + 1, self.kinds.len())
                        .is_some_and(|n| {
                            matches!(
                                self.kinds[n],
                                Kind::Label(Label::FromSchema | Label::Example)
                            )
                        })
            }
            _ => false,
        }
    }

    /// One response's tabs, fields and samples from `k`; returns where the next status starts.
    fn response_content(
        &mut self,
        k: usize,
        anchors: &[usize],
        mut scope: Scope,
        scopes: &mut Vec<Scope>,
    ) -> usize {
        let n = self.kinds.len();
        // The tab labels: `Schema`, `Example (from schema)`, named examples; then the title.
        let mut tabs = 0;
        let mut from_schema = false;
        let mut seen_schema = false;
        let mut t = k;
        while let Some(at) = self.next_non_blank(t, n) {
            match &self.kinds[at] {
                Kind::Mime | Kind::Label(Label::ResponseHeaders) => {}
                Kind::Label(Label::Schema) if seen_schema => {
                    t = at + 1;
                    break;
                }
                Kind::Label(Label::Schema) => {
                    seen_schema = true;
                    tabs += 1;
                }
                Kind::Label(Label::FromSchema) => {
                    from_schema = true;
                    tabs += 1;
                }
                Kind::Label(Label::Example) => tabs += 1,
                Kind::Text(_) if seen_schema && tabs < 12 && self.tab_run_ends_in_title(at) => {
                    tabs += 1
                }
                _ => {
                    t = at;
                    break;
                }
            }
            t = at + 1;
        }
        let next_anchor = anchors.iter().copied().find(|&a| a > t);
        let json = (t..next_anchor.unwrap_or(n))
            .find(|&i| matches!(self.kinds[i], Kind::Json | Kind::Fence));
        let field_end = match (json, next_anchor) {
            (Some(json), _) => json,
            // No sample: the line before the next tabs is the next status's description.
            (None, Some(anchor)) => (t..anchor)
                .rev()
                .find(|&i| matches!(self.kinds[i], Kind::Text(_)))
                .unwrap_or(anchor),
            (None, None) => n,
        };
        let fields = self.fields(scope.kind.clone(), t, field_end);
        scope.fields = fields.fields;
        scope.entries = fields.entries;
        // The samples: one per example tab, the first from the schema.
        let wanted = if tabs > 0 { tabs - 1 } else { 1 };
        let mut j = field_end;
        let mut read = 0;
        while read < wanted {
            let Some(at) = self.sample_start(j) else {
                break;
            };
            match json_block(self.page, at, &self.page.lines[at]) {
                Some((text, next)) => {
                    match serde_json::from_str::<Value>(&text) {
                        Ok(value) if read == 0 && (from_schema || tabs <= 1) => {
                            scope.sample = Some(value)
                        }
                        Ok(_) => {}
                        Err(err) => {
                            let ScopeKind::Response(code) = &scope.kind else {
                                unreachable!()
                            };
                            self.problem(
                                at,
                                format!("the example of response `{code}` is not JSON: {err}"),
                            );
                        }
                    }
                    j = next;
                    read += 1;
                }
                None => {
                    let ScopeKind::Response(code) = &scope.kind else {
                        unreachable!()
                    };
                    self.problem(
                        at,
                        format!("the page ends inside the example of response `{code}`: expected its closing `}}`"),
                    );
                    j = n;
                    break;
                }
            }
        }
        scopes.push(scope);
        j
    }

    /// Whether the tab labels from `at` run into the schema title or a sample, so that a text
    /// line among them is a named example's tab.
    fn tab_run_ends_in_title(&self, at: usize) -> bool {
        for kind in self.kinds[at..].iter().take(16) {
            match kind {
                Kind::Label(Label::Schema) | Kind::Json | Kind::Fence => return true,
                Kind::Text(_) | Kind::Blank | Kind::Label(_) | Kind::Mime => {}
                _ => return false,
            }
        }
        false
    }

    /// Where the next sample starts: after fences, tab titles and a named example's summary.
    fn sample_start(&self, from: usize) -> Option<usize> {
        let n = self.kinds.len();
        let mut at = self.next_non_blank(from, n)?;
        let mut texts = 0;
        loop {
            match &self.kinds[at] {
                Kind::Json => return Some(at),
                Kind::Fence | Kind::Label(Label::FromSchema | Label::Example) => {}
                Kind::Text(_) if texts < 2 => texts += 1,
                _ => return None,
            }
            at = self.next_non_blank(at + 1, n)?;
        }
    }
}

/// `201`, `200 (No streaming)`, `4XX`, `default`: a status tab, by its code.
pub(super) fn status(text: &str) -> Option<String> {
    let (code, rest) = text.split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim();
    let is_code = (code.len() == 3
        && code.starts_with(|c: char| ('1'..='5').contains(&c))
        && code[1..].chars().all(|c| c.is_ascii_digit() || c == 'X'))
        || code == "default";
    (is_code && (rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')'))))
        .then(|| code.to_owned())
}
