"""Old home of the progress service, now ``academy.progress.web``.

``python -m academy.progress.service`` is how ``academy.hub.config`` and the
Kubernetes manifests (``hub-config/kubernetes/progress.yaml``) start it, so it
keeps working from here.
"""

from .web.access import Progress
from .web.app import main, make_app
from .writer import AttemptWriter

__all__ = ["AttemptWriter", "Progress", "main", "make_app"]

if __name__ == "__main__":
    main()
