/*
 * Runs Lucene's own ASCIIFoldingFilter (preserveOriginal false, as Superdesk's `asciifolding`)
 * and prints what it does, for generate.ts:
 *   table      every BMP code point the filter changes, as "hex<TAB>hex hex..." lines
 *   reference  every BMP code point (surrogates excepted) in runs of 64, each run analysed as
 *              one token by the filter's TokenStream, as "hex-of-first<TAB>folded run" lines
 */
import java.io.StringReader;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

public class LuceneFolding {
  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder();
    if (args[0].equals("table")) {
      char[] folded = new char[8];
      for (int c = 0x80; c <= 0xFFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        int n = ASCIIFoldingFilter.foldToASCII(new char[] {(char) c}, 0, folded, 0, 1);
        String s = new String(folded, 0, n);
        if (n == 1 && folded[0] == c) continue;
        out.append(Integer.toHexString(c)).append('\t');
        for (int i = 0; i < s.length(); i++) out.append(i > 0 ? " " : "").append(Integer.toHexString(s.charAt(i)));
        out.append('\n');
      }
    } else {
      StringBuilder run = new StringBuilder();
      int first = 0;
      for (int c = 0x20; c <= 0xFFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        if (run.length() == 0) first = c;
        run.append((char) c);
        if (run.length() == 64 || c == 0xFFFF) {
          out.append(Integer.toHexString(first)).append('\t').append(fold(run.toString())).append('\n');
          run.setLength(0);
        }
      }
    }
    System.out.print(out);
  }

  static String fold(String text) throws Exception {
    KeywordTokenizer tokenizer = new KeywordTokenizer(256);
    tokenizer.setReader(new StringReader(text));
    try (TokenStream stream = new ASCIIFoldingFilter(tokenizer, false)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      StringBuilder all = new StringBuilder();
      while (stream.incrementToken()) all.append(term);
      stream.end();
      return all.toString();
    }
  }
}
