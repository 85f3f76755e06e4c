# The API image for docker-compose.yml.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY c360 ./c360
COPY graph_loader ./graph_loader
COPY cypher ./cypher
COPY api ./api
COPY relational ./relational
COPY analytics ./analytics
RUN pip install --no-cache-dir . && useradd --create-home c360
USER c360
EXPOSE 8000
