package se.nyckeltal.warehouse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramExchangeTest {
    /** RFC 7677 section 3: user "user", password "pencil". */
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    private static final byte[] SECRET = new byte[32];

    private static ScramVerifier rfcVerifier() {
        return ScramVerifier.derive("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
    }

    @Test
    void theRfc7677ExampleAuthenticates() {
        ScramExchange exchange = new ScramExchange(rfcVerifier(), "user", SECRET);
        assertThat(exchange.serverFirst(CLIENT_FIRST, SERVER_NONCE)).isEqualTo(SERVER_FIRST);
        assertThat(exchange.serverFinal(CLIENT_FINAL)).isEqualTo(SERVER_FINAL);
    }

    @Test
    void aWrongProofIsRefused() {
        ScramVerifier other = ScramVerifier.derive("not pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        ScramExchange exchange = new ScramExchange(other, "user", SECRET);
        exchange.serverFirst(CLIENT_FIRST, SERVER_NONCE);
        assertThatThrownBy(() -> exchange.serverFinal(CLIENT_FINAL)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anUnknownUserFailsLikeAWrongPasswordEvenWithTheRightProof() {
        ScramExchange unknown = new ScramExchange(null, "user", SECRET);
        String first = unknown.serverFirst(CLIENT_FIRST, SERVER_NONCE);
        // a salt and iteration count are offered all the same, and the same salt every time for a name
        assertThat(first).startsWith("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=").endsWith(",i=4096");
        assertThat(new ScramExchange(null, "user", SECRET).serverFirst(CLIENT_FIRST, SERVER_NONCE)).isEqualTo(first);
        assertThatThrownBy(() -> unknown.serverFinal(CLIENT_FINAL)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aChangedNonceOrChannelBindingRequestIsRefused() {
        ScramExchange exchange = new ScramExchange(rfcVerifier(), "user", SECRET);
        exchange.serverFirst(CLIENT_FIRST, SERVER_NONCE);
        assertThatThrownBy(() -> exchange.serverFinal(CLIENT_FINAL.replace("k0,p=", "k1,p=")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> new ScramExchange(rfcVerifier(), "user", SECRET).serverFirst("p=tls-server-end-point,,n=,r=x"))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("channel binding");
    }

    @Test
    void verifiersRoundTripThroughPostgresTextForm() {
        ScramVerifier verifier = rfcVerifier();
        assertThat(verifier.text()).startsWith("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$");
        assertThat(ScramVerifier.parse(verifier.text())).isEqualTo(verifier);
        assertThat(ScramVerifier.create("pencil", 4096).salt()).hasSize(16);
        assertThat(ScramVerifier.create("pencil", 4096)).isNotEqualTo(ScramVerifier.create("pencil", 4096));
    }
}
