package se.nyckeltal.warehouse.gateway;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal PostgreSQL protocol client for tests that must control the exact messages: the
 * extended-query batch Npgsql sends, Execute with a row limit, raw CancelRequest. Authenticates with
 * SCRAM-SHA-256 written out here from RFC 5802, independently of the server's code.
 */
final class RawClient implements AutoCloseable {
    /** One backend message: type and body. */
    record Message(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** ErrorResponse field, e.g. 'C' for the SQLSTATE. */
        String field(char code) {
            int i = 0;
            while (i < body.length && body[i] != 0) {
                int end = i + 1;
                while (body[end] != 0) {
                    end++;
                }
                if (body[i] == code) {
                    return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
                }
                i = end + 1;
            }
            return null;
        }

        /** DataRow values as byte arrays (null for NULL). */
        List<byte[]> values() {
            ByteBuffer buffer = ByteBuffer.wrap(body);
            int count = buffer.getShort();
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length = buffer.getInt();
                if (length < 0) {
                    values.add(null);
                } else {
                    byte[] value = new byte[length];
                    buffer.get(value);
                    values.add(value);
                }
            }
            return values;
        }

        /** RowDescription: name and type OID of each field. */
        List<String> fields() {
            ByteBuffer buffer = ByteBuffer.wrap(body);
            int count = buffer.getShort();
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int start = buffer.position();
                while (buffer.get() != 0) {
                    // name
                }
                String name = new String(body, start, buffer.position() - start - 1, StandardCharsets.UTF_8);
                buffer.getInt();
                buffer.getShort();
                int oid = buffer.getInt();
                buffer.getShort();
                buffer.getInt();
                buffer.getShort();
                fields.add(name + ":" + oid);
            }
            return fields;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    int processId;
    int secretKey;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    static RawClient connect(int port, String user, String password) throws Exception {
        RawClient client = new RawClient(new Socket("127.0.0.1", port));
        client.startup(user, password);
        return client;
    }

    /** A connection that has sent nothing yet, for tests that write the start-up themselves. */
    static RawClient unstarted(int port) throws IOException {
        return new RawClient(new Socket("127.0.0.1", port));
    }

    /** Logs in on a connection opened with {@link #unstarted}. */
    void login(String user, String password) throws Exception {
        startup(user, password);
    }

    /** Only the start-up packet (user, database), nothing after it. */
    void sendStartupPacket(String user) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ByteBuffer.allocate(4).putInt(196608).array());
        for (String s : new String[] {"user", user, "database", "nyckeltal"}) {
            cstring(body, s);
        }
        body.write(0);
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
    }

    /** Bytes exactly as given: for malformed messages. */
    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Socket socket() {
        return socket;
    }

    /** True when the server closes the connection within the timeout (messages before that are skipped). */
    boolean closedByServerWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (in.read() >= 0) {
                // skip what the server still sends
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private void startup(String user, String password) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ByteBuffer.allocate(4).putInt(196608).array());
        for (String s : new String[] {"user", user, "database", "nyckeltal", "client_encoding", "UTF8"}) {
            cstring(body, s);
        }
        body.write(0);
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
        Message auth = read();
        if (auth.type() == 'E') {
            throw new IllegalStateException(auth.field('C') + " " + auth.field('M'));
        }
        if (ByteBuffer.wrap(auth.body()).getInt() == 10) {
            scram(user, password);
        }
        while (true) {
            Message message = read();
            if (message.type() == 'E') {
                throw new IllegalStateException(message.field('C') + " " + message.field('M'));
            }
            if (message.type() == 'K') {
                ByteBuffer key = ByteBuffer.wrap(message.body());
                processId = key.getInt();
                secretKey = key.getInt();
            }
            if (message.type() == 'Z') {
                return;
            }
        }
    }

    private void scram(String user, String password) throws Exception {
        byte[] nonceBytes = new byte[18];
        new SecureRandom().nextBytes(nonceBytes);
        String clientNonce = Base64.getEncoder().encodeToString(nonceBytes);
        String clientFirstBare = "n=,r=" + clientNonce;
        ByteArrayOutputStream initial = new ByteArrayOutputStream();
        cstring(initial, "SCRAM-SHA-256");
        byte[] first = ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
        initial.writeBytes(ByteBuffer.allocate(4).putInt(first.length).array());
        initial.writeBytes(first);
        send('p', initial.toByteArray());
        Message cont = read();
        if (cont.type() == 'E') {
            throw new IllegalStateException(cont.field('C') + " " + cont.field('M'));
        }
        String serverFirst = new String(cont.body(), 4, cont.body().length - 4, StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            switch (part.charAt(0)) {
                case 'r' -> nonce = part.substring(2);
                case 's' -> salt = Base64.getDecoder().decode(part.substring(2));
                case 'i' -> iterations = Integer.parseInt(part.substring(2));
                default -> { }
            }
        }
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String withoutProof = "c=biws,r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        send('p', (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8));
        Message fin = read();
        if (fin.type() == 'E') {
            throw new IllegalStateException(fin.field('C') + " " + fin.field('M'));
        }
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8));
        String expected = "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
        String got = new String(fin.body(), 4, fin.body().length - 4, StandardCharsets.UTF_8);
        if (!expected.equals(got)) {
            throw new IllegalStateException("server signature mismatch: " + got);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    void parse(String name, String sql) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, name);
        cstring(body, sql);
        body.writeBytes(new byte[] {0, 0});
        send('P', body.toByteArray());
    }

    /** Bind without parameters; all result columns in the given format (0 text, 1 binary). */
    void bind(String portal, String statement, int resultFormat) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, portal);
        cstring(body, statement);
        body.writeBytes(new byte[] {0, 0, 0, 0, 0, 1, 0, (byte) resultFormat});
        send('B', body.toByteArray());
    }

    void describePortal(String portal) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('P');
        cstring(body, portal);
        send('D', body.toByteArray());
    }

    void execute(String portal, int maxRows) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, portal);
        body.writeBytes(ByteBuffer.allocate(4).putInt(maxRows).array());
        send('E', body.toByteArray());
    }

    void sync() throws IOException {
        send('S', new byte[0]);
    }

    void query(String sql) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, sql);
        send('Q', body.toByteArray());
    }

    /** Messages up to and including ReadyForQuery. */
    List<Message> untilReady() throws IOException {
        List<Message> messages = new ArrayList<>();
        while (true) {
            Message message = read();
            messages.add(message);
            if (message.type() == 'Z') {
                return messages;
            }
        }
    }

    /** Sends a CancelRequest for this session on a new connection. */
    static void cancel(int port, int processId, int secretKey) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(16);
            out.writeInt(80877102);
            out.writeInt(processId);
            out.writeInt(secretKey);
            out.flush();
            socket.getInputStream().read();
        }
    }

    Message read() throws IOException {
        char type = (char) in.readUnsignedByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        return new Message(type, body);
    }

    void send(char type, byte[] body) throws IOException {
        out.write(type);
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    private static void cstring(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    @Override
    public void close() throws IOException {
        if (socket.isClosed()) {
            return;
        }
        try {
            send('X', new byte[0]);
        } catch (java.net.SocketException e) {
            // the server closed the connection already (the hostile-client tests expect that)
        }
        socket.close();
    }
}
