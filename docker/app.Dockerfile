# The apps of docker/compose.yaml: Node and two scripts that use Node's own modules only, so the image builds
# offline from any base that has Node 18 or later.
#   docker build -f docker/app.Dockerfile -t localhost-lab-app .        (from the repository root)
# BASE: where Node comes from. Default the official image; on a machine with no registry, the lab's own base
# (built by docker/build-base.sh): --build-arg BASE=localhost/localhost-lab-base:bookworm-node20.20.2
# OWNER: the `localhost-lab.owner` label; the lab's test sets its own mark so its sweep can find what it built.
ARG BASE=node:22-bookworm-slim
FROM ${BASE}
ARG OWNER=compose
LABEL localhost-lab=run localhost-lab.owner=${OWNER} localhost-lab.scenario=container-localhost
WORKDIR /lab
COPY docker/app.mjs docker/client.mjs docker/
ENTRYPOINT ["node", "docker/app.mjs"]
