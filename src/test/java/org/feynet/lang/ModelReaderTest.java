package org.feynet.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelReaderTest {

    @Test
    void aMissingFileIsReportedWithoutLineAndColumn() {
        SourceError error = assertThrows(SourceError.class, () -> ModelReader.read(Path.of("no/such.fnet")));
        assertEquals("no/such.fnet: cannot read model file (no such file)", error.getMessage());
        assertEquals(0, error.line());
        assertEquals(0, error.column());
    }

    @Test
    void aDirectoryIsNotAModelFile() {
        assertEquals("examples: cannot read model file (is a directory)",
                assertThrows(SourceError.class, () -> ModelReader.read(Path.of("examples"))).getMessage());
    }

    @Test
    void everyNetworkOfAFileIsLoweredInOrder() {
        String second = Sources.MLP.replace("network m", "network m2").replace("Cw = 1", "Cw = 3");
        var file = ModelReader.parse("two.fnet", Sources.MLP + second);
        assertEquals("two.fnet", file.path());
        assertEquals(2, file.networks().size());
        assertEquals("m2", file.networks().get(1).name());
        assertEquals(3.0, file.networks().get(1).cw());
    }
}
