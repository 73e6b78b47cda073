# image: council-data-academy/hub
# Zero to JupyterHub's hub image plus this project's package, for its
# authenticators (sign-up with approval, Azure AD names → account names) and
# the exchange service (exchange.yaml runs this image), which needs what the hub
# image has (JupyterHub, tornado, SQLAlchemy, Alembic, requests, psycopg2) and the
# grading queue's client (huey, redis).
# Build from the repository root:
#   docker build -f hub-config/kubernetes/hub.Dockerfile -t council-data-academy/hub:0.1.0 .
FROM quay.io/jupyterhub/k8s-hub:4.2.0

USER root
COPY pyproject.toml README.md /opt/academy/
COPY src /opt/academy/src
# huey and redis: the exchange puts submissions on the grading queue (redis.yaml); the hub image has neither.
RUN pip install --no-cache-dir --no-deps /opt/academy jupyterhub-nativeauthenticator huey redis
USER ${NB_USER}
