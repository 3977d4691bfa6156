# Build stage: the same wrapper and command as on a developer machine.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -DskipTests package

# Runtime stage: the packaged service only.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 membership \
    && mkdir -p /app/data && chown membership /app/data
WORKDIR /app
COPY --from=build /src/app/target/membership-service.jar /app/membership-service.jar
USER membership
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
# a deployment verifies tokens with a secret or an identity provider of its own: without either it does not start
# (rather than generate a secret and log a platform-admin token, as a first run on a developer's machine does)
ENV MEMBERSHIP_AUTH_GENERATE_SECRET=false
EXPOSE 8080
# Without SPRING_DATASOURCE_URL the service runs its embedded PostgreSQL with data in /app/data/postgres (mount a volume
# at /app/data to keep it); it then shares the container's memory with the service, so give it more. The heap takes
# half the container's memory: the JVM needs about 270 MB besides it.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
    CMD bash -c "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.0\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/app/membership-service.jar"]
