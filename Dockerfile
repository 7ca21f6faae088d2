# Builds Ante from this repository and runs it; docker-compose.yml starts it with its production stack.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -ntp -DskipTests package -pl query-api -am

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/ante ante && mkdir -p /var/lib/ante && chown ante /var/lib/ante
COPY --from=build /src/query-api/target/ante.jar /opt/ante/ante.jar
COPY deploy/jvm.options /opt/ante/jvm.options
USER ante
WORKDIR /var/lib/ante
ENV ANTE_DATA_DIR=/var/lib/ante
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD wget -qO- http://127.0.0.1:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "@/opt/ante/jvm.options", "-jar", "/opt/ante/ante.jar"]
