"""One module per kind of page: the pages it contributes, its template, the data the template gets, its date.

`base` defines what a page kind is; `aqb.pages.registry` lists them all.
"""
