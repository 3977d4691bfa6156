# Build stage: the same wrapper and command as on a developer machine.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -DskipTests package

# Runtime stage: the packaged service only.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 membership
WORKDIR /app
COPY --from=build /src/app/target/membership-service.jar /app/membership-service.jar
USER membership
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/membership-service.jar"]
