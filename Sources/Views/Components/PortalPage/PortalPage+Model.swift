/// The shared renderer of the portal pages (Bank, Firm, Operator, Public): a title and a list of typed blocks
/// (figures, key–value lists, tables, forms, notices), rendered escaped. Each page has its own folder with a
/// `Model` of Domain values and a `View` that turns it into these blocks; the app never builds blocks itself.
public enum PortalPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var subtitle: String?
        /// Links shown as buttons beside the title.
        public var actions: [Link]
        public var blocks: [Block]

        public init(context: PageContext, subtitle: String? = nil, actions: [Link] = [], blocks: [Block]) {
            self.context = context; self.subtitle = subtitle; self.actions = actions; self.blocks = blocks
        }
    }

    public struct Link: Sendable, Equatable {
        public var label: String
        public var href: String
        public init(_ label: String, href: String) { self.label = label; self.href = href }
    }

    public enum Tone: String, Sendable, Equatable { case neutral, info, success, warning, danger }

    public enum Block: Sendable, Equatable {
        /// A row of headline figures.
        case stats([Stat])
        /// A titled card of label–value pairs.
        case facts(title: String, [Fact])
        case table(Table)
        case form(Form)
        case notice(String, tone: Tone)
        /// A titled card of plain paragraphs.
        case text(title: String, paragraphs: [String])
        case pagination(Pagination)
        /// A card holding a server-drawn chart.
        case chart(title: String, items: [ChartItem], unit: String)
    }

    public struct ChartItem: Sendable, Equatable {
        public var label: String
        public var value: Int
        public init(label: String, value: Int) { self.label = label; self.value = value }
    }

    public struct Stat: Sendable, Equatable {
        public var label: String
        public var value: String
        public var hint: String?
        public var href: String?
        public var tone: Tone
        public init(_ label: String, _ value: String, hint: String? = nil, href: String? = nil, tone: Tone = .neutral) {
            self.label = label; self.value = value; self.hint = hint; self.href = href; self.tone = tone
        }
    }

    public struct Fact: Sendable, Equatable {
        public var label: String
        public var value: Cell
        public init(_ label: String, _ value: String) { self.label = label; self.value = .text(value) }
        public init(_ label: String, cell: Cell) { self.label = label; self.value = cell }
    }

    public struct Table: Sendable, Equatable {
        public var title: String
        public var id: String
        public var headers: [String]
        public var rows: [[Cell]]
        public var emptyText: String
        public var link: Link?
        public init(title: String, id: String, headers: [String], rows: [[Cell]], emptyText: String, link: Link? = nil) {
            self.title = title; self.id = id; self.headers = headers; self.rows = rows; self.emptyText = emptyText
            self.link = link
        }
    }

    /// One table cell or fact value.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case mono(String)
        case link(String, href: String)
        case badge(String, tone: Tone)
        /// Small POST forms (one button each) acting on the row.
        case actions([Action])
        /// A main line with a smaller second line.
        case twoLines(String, String)
        /// Several links, one per line (e.g. an objection's evidence files).
        case links([Link])
    }

    /// A one-button POST form, e.g. 受理 on an application row.
    public struct Action: Sendable, Equatable {
        public var label: String
        public var path: String
        public var fields: [String: String]
        public var isPrimary: Bool
        /// When set, the browser asks before submitting.
        public var confirm: String?
        public init(_ label: String, path: String, fields: [String: String] = [:], isPrimary: Bool = false,
                    confirm: String? = nil) {
            self.label = label; self.path = path; self.fields = fields; self.isPrimary = isPrimary; self.confirm = confirm
        }
    }

    public struct Form: Sendable, Equatable {
        public var title: String
        public var id: String
        public var action: String
        public var method: Method
        public var fields: [Field]
        public var submitLabel: String
        public var note: String?
        /// When set, the browser asks before submitting (binding or destructive steps).
        public var confirm: String?
        public enum Method: String, Sendable { case get, post }
        public init(title: String, id: String, action: String, method: Method = .post, fields: [Field],
                    submitLabel: String, note: String? = nil, confirm: String? = nil) {
            self.title = title; self.id = id; self.action = action; self.method = method; self.fields = fields
            self.submitLabel = submitLabel; self.note = note; self.confirm = confirm
        }
    }

    public struct Field: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case text, password, number, date, tel, hidden
            case textarea
            case select([SelectOption])
            /// Several checkboxes sharing the name (submitted as `name[]`).
            case checkboxes([SelectOption])
            /// A file (the form is then sent as multipart/form-data; put it last: fields after a file are not read).
            case file(accept: String)
        }
        public var name: String
        public var label: String
        public var kind: Kind
        public var value: String
        public var isRequired: Bool
        public var hint: String?
        public var isFile: Bool { if case .file = kind { true } else { false } }
        public init(_ name: String, _ label: String, kind: Kind = .text, value: String = "", isRequired: Bool = false,
                    hint: String? = nil) {
            self.name = name; self.label = label; self.kind = kind; self.value = value; self.isRequired = isRequired
            self.hint = hint
        }
    }
}
