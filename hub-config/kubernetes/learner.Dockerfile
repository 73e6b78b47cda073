# image: council-data-academy/learner
# The learners' servers and the formgrader: JupyterLab 4, nbgrader, the course's
# Python (pandas, matplotlib, scikit-learn) and this project's package, which
# generates each learner's data variant and runs the instant checks.
# Build from the repository root:
#   docker build -f hub-config/kubernetes/learner.Dockerfile -t council-data-academy/learner:0.1.0 .
FROM python:3.11-slim-bookworm

RUN useradd --create-home --uid 1000 --shell /bin/bash jovyan
COPY pyproject.toml README.md /opt/academy/
COPY src /opt/academy/src
RUN pip install --no-cache-dir /opt/academy psycopg2-binary   # psycopg2: a gradebook in PostgreSQL

# Learner and instructor Jupyter configs, written by the same code the one-machine hub uses. Their
# nbgrader configs send every exchange step (ExchangeFactory) to academy.exchange.client, which talks to
# the exchange service (exchange.yaml) at ACADEMY_EXCHANGE_URL with the pod's hub token: no exchange
# folder in this image or mounted beside it.
ENV ACADEMY_HUB_STATE=/srv/academy \
    JUPYTER_CONFIG_PATH=/srv/academy/jupyter/learner
RUN python -m academy hub prepare --configs-only && chmod -R a+rX /srv/academy/jupyter

USER 1000
WORKDIR /home/jovyan
CMD ["python", "-m", "academy.hub.singleuser"]
