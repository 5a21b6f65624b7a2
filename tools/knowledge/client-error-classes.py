# Every exception class a Python HTTP library defines, read with inspect from the installed modules (argv: module
# names), as JSON: module, class name, bases, the class's own docstring's first paragraph. gen-client-errors.mjs runs it
# with Debian's /usr/bin/python3 in isolated mode (-I), so that only Debian's packages are imported.
import importlib
import inspect
import json
import sys

out, seen = [], set()
for modname in sys.argv[1:]:
    m = importlib.import_module(modname)
    top = modname.split('.')[0]
    for name, obj in sorted(vars(m).items()):
        if not (inspect.isclass(obj) and issubclass(obj, BaseException)):
            continue
        # The library's own classes only, each once (not the standard library's classes it re-exports).
        if obj.__module__.split('.')[0] != top or (top, name) in seen:
            continue
        seen.add((top, name))
        own = vars(obj).get('__doc__') or ''
        doc = inspect.cleandoc(own).split('\n\n')[0].replace('\n', ' ').strip() if own else ''
        out.append({'module': modname, 'name': name, 'bases': [b.__name__ for b in obj.__bases__], 'doc': doc})
print(json.dumps(out))
