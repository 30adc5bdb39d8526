"""The participants' pre-check: ``python -m fairlearn_lite.precheck`` (or ``make precheck``).

Also runs as a file, ``python fairlearn_lite/precheck.py``, which works even when a
package the kit imports is missing (importing the package itself would fail then).
"""

import sys

if __name__ == "__main__":
    if __package__:
        from fairlearn_lite._environment import main
    else:  # run as a file: load the checks without importing the package (and its pandas)
        import importlib.util
        from pathlib import Path

        path = Path(__file__).with_name("_environment.py")
        spec = importlib.util.spec_from_file_location("_kit_environment", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look the module up while defining Check
        spec.loader.exec_module(module)
        main = module.main
    sys.exit(main())
