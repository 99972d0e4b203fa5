// Vocabulary for the tenant generator. Names deliberately include non-ASCII characters.

export const FIRST_NAMES = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
  "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley",
  "Andrew", "Emily", "Kevin", "Michelle", "Brian", "Amanda", "George", "Melissa", "Timothy", "Stephanie",
  "José", "María", "Zoë", "Chloé", "Renée", "André", "Björn", "Jürgen", "Søren", "Åsa", "Ñuño", "Iñaki",
  "François", "Hélène", "Łukasz", "Małgorzata", "Dvořák", "Ines", "Müge", "Çağla", "Oğuz", "Thảo", "Nguyễn",
  "Siobhán", "Seán", "Aoife", "Niamh", "Ólafur", "Þóra", "Ærin", "Zsófia", "Gergő", "Mihály", "Jiří",
  "Priya", "Arjun", "Ananya", "Rohan", "Wei", "Yuki", "Haruto", "Sakura", "Min-jun", "Ji-woo", "Olusegun",
  "Chidi", "Amara", "Kwame", "Fatima", "Omar", "Layla", "Youssef", "Mateo", "Lucía", "Valentina", "Thiago",
  "Noémie", "Léa", "Raphaël", "Anaïs", "Dāvis", "Jānis", "Rūta", "Žygimantas", "Ştefan", "Ioana",
] as const;

export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
  "Müller", "Schröder", "Weiß", "Größe", "Bäcker", "Østergaard", "Ångström", "Nørgaard", "Söderberg",
  "Núñez", "Peña", "Muñoz", "Ibáñez", "Gómez", "Fernández", "Güneş", "Yılmaz", "Öztürk", "Çelik",
  "Dubois", "Lefèvre", "Françoise", "Gauthier", "Girard", "Kowalczyk", "Wiśniewski", "Wójcik", "Łęcki",
  "Novák", "Dvořák", "Horváth", "Szabó", "Kovács", "Nguyễn", "Trần", "Lê", "Phạm", "O'Brien", "Ó Súilleabháin",
  "MacAonghusa", "Jóhannsdóttir", "Þórsson", "Tanaka", "Suzuki", "Takahashi", "Kim", "Park", "Chen", "Wang",
  "Patel", "Sharma", "Iyer", "Okafor", "Adeyemi", "Mensah", "Haddad", "Al-Sayed", "Ben-David", "Costa",
  "Silva", "Conceição", "Gonçalves", "Rossi", "Esposito", "Bianchi", "Bērziņš", "Kazlauskaitė", "Popescu",
] as const;

export const DEPARTMENTS: readonly (readonly [string, number, readonly string[]])[] = [
  ["Engineering", 28, ["Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "SRE", "QA Engineer", "Principal Engineer"]],
  ["Sales", 18, ["Account Executive", "Sales Development Rep", "Regional Sales Director", "Sales Engineer", "VP Sales"]],
  ["Customer Success", 10, ["Customer Success Manager", "Support Engineer", "Support Lead", "Technical Account Manager"]],
  ["Marketing", 8, ["Product Marketing Manager", "Content Strategist", "Demand Gen Manager", "Brand Designer"]],
  ["Product", 6, ["Product Manager", "Senior Product Manager", "Product Designer", "UX Researcher"]],
  ["Finance", 5, ["Accountant", "Financial Analyst", "Controller", "Payroll Specialist"]],
  ["People", 4, ["HR Business Partner", "Recruiter", "People Operations Specialist", "Talent Partner"]],
  ["IT", 4, ["IT Support Specialist", "Systems Administrator", "Identity Engineer", "IT Manager"]],
  ["Legal", 2, ["Counsel", "Paralegal", "Privacy Officer"]],
  ["Security", 3, ["Security Engineer", "Security Analyst", "CISO"]],
  ["Operations", 7, ["Operations Manager", "Facilities Coordinator", "Procurement Specialist", "Business Analyst"]],
  ["Executive", 1, ["Chief Executive Officer", "Chief Operating Officer", "Chief Technology Officer", "Chief Financial Officer"]],
  ["Data", 4, ["Data Engineer", "Data Scientist", "Analytics Manager"]],
];

/** city, state, countryCode, zip, timezone, locale, lat, lon, weight */
export const LOCATIONS = [
  ["San Francisco", "CA", "US", "94105", "America/Los_Angeles", "en_US", 37.79, -122.4, 20],
  ["New York", "NY", "US", "10013", "America/New_York", "en_US", 40.72, -74.0, 16],
  ["Austin", "TX", "US", "78701", "America/Chicago", "en_US", 30.27, -97.74, 8],
  ["Chicago", "IL", "US", "60601", "America/Chicago", "en_US", 41.88, -87.62, 6],
  ["Toronto", "ON", "CA", "M5H 2N2", "America/Toronto", "en_CA", 43.65, -79.38, 6],
  ["London", "England", "GB", "EC2A 4NE", "Europe/London", "en_GB", 51.52, -0.08, 12],
  ["Dublin", "Leinster", "IE", "D02 X285", "Europe/Dublin", "en_IE", 53.34, -6.26, 5],
  ["Berlin", "Berlin", "DE", "10115", "Europe/Berlin", "de_DE", 52.53, 13.38, 7],
  ["München", "Bayern", "DE", "80331", "Europe/Berlin", "de_DE", 48.14, 11.58, 3],
  ["Paris", "Île-de-France", "FR", "75002", "Europe/Paris", "fr_FR", 48.87, 2.34, 5],
  ["Madrid", "Comunidad de Madrid", "ES", "28013", "Europe/Madrid", "es_ES", 40.42, -3.7, 3],
  ["São Paulo", "SP", "BR", "01310-100", "America/Sao_Paulo", "pt_BR", -23.56, -46.66, 4],
  ["Bengaluru", "Karnataka", "IN", "560001", "Asia/Kolkata", "en_IN", 12.97, 77.59, 6],
  ["Tokyo", "Tokyo", "JP", "100-0005", "Asia/Tokyo", "ja_JP", 35.68, 139.76, 4],
  ["Sydney", "NSW", "AU", "2000", "Australia/Sydney", "en_AU", -33.87, 151.21, 4],
  ["Singapore", "Singapore", "SG", "018989", "Asia/Singapore", "en_SG", 1.28, 103.85, 3],
  ["Kraków", "Małopolskie", "PL", "31-042", "Europe/Warsaw", "pl_PL", 50.06, 19.94, 3],
  ["Reykjavík", "Höfuðborgarsvæðið", "IS", "101", "Atlantic/Reykjavik", "is_IS", 64.15, -21.94, 1],
] as const;

export const COUNTRY_NAMES: Record<string, string> = {
  US: "United States", CA: "Canada", GB: "United Kingdom", IE: "Ireland", DE: "Germany", FR: "France",
  ES: "Spain", BR: "Brazil", IN: "India", JP: "Japan", AU: "Australia", SG: "Singapore", PL: "Poland", IS: "Iceland",
};

export const COST_CENTERS = ["CC-1001", "CC-1002", "CC-2040", "CC-3100", "CC-4420", "CC-5000", "CC-6120"] as const;

/** name (catalog key), label, signOnMode, features, weight (share of users assigned) */
export const APP_CATALOG: readonly (readonly [string, string, string, readonly string[], number])[] = [
  ["office365", "Microsoft Office 365", "WS_FEDERATION", ["PUSH_NEW_USERS", "PUSH_PROFILE_UPDATES", "GROUP_PUSH", "IMPORT_NEW_USERS"], 0.9],
  ["slack", "Slack", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_USER_DEACTIVATION", "REACTIVATE_USERS", "GROUP_PUSH"], 0.85],
  ["zoomus", "Zoom", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_PROFILE_UPDATES", "PUSH_USER_DEACTIVATION"], 0.8],
  ["google", "Google Workspace", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_PASSWORD_UPDATES", "GROUP_PUSH"], 0.6],
  ["atlassian", "Atlassian Cloud", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_USER_DEACTIVATION", "GROUP_PUSH"], 0.45],
  ["github_enterprise_cloud", "GitHub Enterprise Cloud", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_USER_DEACTIVATION"], 0.3],
  ["salesforce", "Salesforce.com", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_PROFILE_UPDATES", "IMPORT_NEW_USERS"], 0.25],
  ["workday", "Workday", "SAML_2_0", ["IMPORT_NEW_USERS", "IMPORT_PROFILE_UPDATES", "PROFILE_MASTERING"], 0.7],
  ["servicenow_ud", "ServiceNow", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_PROFILE_UPDATES"], 0.4],
  ["box", "Box", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_USER_DEACTIVATION", "GROUP_PUSH"], 0.35],
  ["dropbox_for_business", "Dropbox Business", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_USER_DEACTIVATION"], 0.15],
  ["amazon_aws", "AWS Account Federation", "SAML_2_0", ["IMPORT_NEW_USERS"], 0.12],
  ["amazon_aws_sso", "AWS IAM Identity Center", "SAML_2_0", ["PUSH_NEW_USERS", "GROUP_PUSH"], 0.2],
  ["docusign", "DocuSign", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_USER_DEACTIVATION"], 0.1],
  ["zendesk", "Zendesk", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_PROFILE_UPDATES"], 0.12],
  ["tableau_online", "Tableau Cloud", "SAML_2_0", ["PUSH_NEW_USERS"], 0.08],
  ["datadog", "Datadog", "SAML_2_0", [], 0.15],
  ["pagerduty", "PagerDuty", "SAML_2_0", ["PUSH_NEW_USERS"], 0.1],
  ["figma", "Figma", "SAML_2_0", ["PUSH_NEW_USERS", "PUSH_USER_DEACTIVATION"], 0.12],
  ["notion", "Notion", "SAML_2_0", ["PUSH_NEW_USERS", "GROUP_PUSH"], 0.3],
  ["hubspot", "HubSpot", "SAML_2_0", [], 0.1],
  ["gong", "Gong", "SAML_2_0", [], 0.08],
  ["netsuite", "Oracle NetSuite", "SAML_2_0", [], 0.04],
  ["concur", "SAP Concur", "SAML_2_0", ["PUSH_NEW_USERS"], 0.3],
  ["bamboohr", "BambooHR", "SAML_2_0", ["IMPORT_NEW_USERS"], 0.05],
  ["greenhouse", "Greenhouse Recruiting", "SAML_2_0", [], 0.04],
  ["lucidchart", "Lucidchart", "SAML_2_0", ["PUSH_NEW_USERS"], 0.15],
  ["snowflake", "Snowflake", "SAML_2_0", ["PUSH_NEW_USERS", "GROUP_PUSH"], 0.06],
  ["bookmark", "Company Intranet", "BOOKMARK", [], 0.95],
  ["bookmark", "Benefits Portal", "BOOKMARK", [], 0.9],
  ["template_swa", "Legacy Payroll", "BROWSER_PLUGIN", [], 0.2],
  ["template_basic_auth", "Build Server (Jenkins)", "BASIC_AUTH", [], 0.05],
  ["template_sps", "Expense Reports (SWA)", "SECURE_PASSWORD_STORE", [], 0.1],
  ["oidc_client", "Internal Admin Portal", "OPENID_CONNECT", [], 0.05],
  ["oidc_client", "Customer Dashboard", "OPENID_CONNECT", [], 0.2],
  ["template_wsfed", "SharePoint On-Prem", "WS_FEDERATION", [], 0.1],
  ["template_saml_1_1", "Legacy Timesheets", "SAML_1_1", [], 0.06],
  ["template_auto_login", "Travel Booking", "AUTO_LOGIN", [], 0.1],
];

export const GROUP_TOPICS = [
  "Project", "Team", "Squad", "Guild", "Committee", "Working Group", "Program", "Pod", "Taskforce", "Chapter",
] as const;
export const GROUP_WORDS = [
  "Apollo", "Borealis", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Helix", "Indigo", "Juniper", "Kestrel",
  "Lumen", "Meridian", "Nimbus", "Orion", "Polaris", "Quartz", "Raven", "Sierra", "Tundra", "Umbra", "Vega",
  "Willow", "Xenon", "Yarrow", "Zephyr", "Café", "Straße", "Fjäll", "Ñandú",
] as const;
export const ACCESS_GROUPS = [
  "aws-prod-admins", "aws-dev-readonly", "github-org-owners", "vpn-users", "wifi-corp", "jira-admins",
  "salesforce-admins", "finance-approvers", "okta-helpdesk", "laptop-admins", "contractors", "interns",
  "all-managers", "security-oncall", "sre-oncall", "legal-hold", "board-observers", "mfa-exempt",
] as const;

export const USER_AGENTS: readonly (readonly [string, string, string, string])[] = [
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36", "Mac OS X", "CHROME", "Computer"],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0", "Windows 10", "EDGE_CHROMIUM", "Computer"],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0", "Windows 10", "FIREFOX", "Computer"],
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15", "Mac OS X", "SAFARI", "Computer"],
  ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1", "iOS", "MOBILE_SAFARI", "Mobile"],
  ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Mobile Safari/537.36", "Android", "CHROME", "Mobile"],
  ["Okta Verify/9.22.0 (iPhone; iOS 17.6)", "iOS", "UNKNOWN", "Mobile"],
];

export const ADMIN_ROLE_LABELS: Record<string, string> = {
  SUPER_ADMIN: "Super Organization Administrator",
  ORG_ADMIN: "Organizational Administrator",
  APP_ADMIN: "Application Administrator",
  USER_ADMIN: "Group Administrator",
  HELP_DESK_ADMIN: "Help Desk Administrator",
  READ_ONLY_ADMIN: "Read Only Administrator",
  REPORT_ADMIN: "Report Administrator",
  GROUP_MEMBERSHIP_ADMIN: "Group Membership Administrator",
  API_ACCESS_MANAGEMENT_ADMIN: "API Access Management Administrator",
  MOBILE_ADMIN: "Mobile Administrator",
  ORG_ADMIN_LIMITED: "Organizational Administrator",
};
