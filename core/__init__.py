"""The machinery every layer uses and no domain owns: the page and card cache
(``pagecache``), upload checking (``uploads``), exports, Vietnamese text folding and sorting,
absolute links for e-mails, e-mail sending helpers, and site security (``security``). It
imports no app of ours; the apps register with it (page cache receivers, upload registry)."""
