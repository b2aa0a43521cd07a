package io.agentstore.rag.internal;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Java definitions and references by JavaParser; a file it cannot parse is chunked by the line tokenizer. */
final class JavaSource {
    private JavaSource() {}

    static Chunker.Parsed parse(String text, Chunker.Lines lines) {
        ParserConfiguration config =
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        ParseResult<CompilationUnit> result = new JavaParser(config).parse(text);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return ScriptSource.braces(lines);
        }
        CompilationUnit cu = result.getResult().get();
        List<Chunker.Definition> defs = new ArrayList<>();
        List<Chunker.Ref> refs = new ArrayList<>();
        for (TypeDeclaration<?> type : cu.findAll(TypeDeclaration.class)) {
            Optional<Range> range = type.getRange();
            if (range.isEmpty()) {
                continue;
            }
            String container = container(type);
            defs.add(new Chunker.Definition(
                    type.getNameAsString(), "class", container, start(type), range.get().end.line, false));
            refs.add(new Chunker.Ref(type.getNameAsString(), "class", "definition", container, range.get().begin.line));
        }
        for (CallableDeclaration<?> callable : cu.findAll(CallableDeclaration.class)) {
            Optional<Range> range = callable.getRange();
            if (range.isEmpty()) {
                continue;
            }
            String container = container(callable);
            boolean constructor = callable instanceof ConstructorDeclaration;
            String name = callable.getNameAsString();
            defs.add(new Chunker.Definition(name, "method", container, start(callable), range.get().end.line, true));
            refs.add(new Chunker.Ref(
                    name, constructor ? "class" : "method", "definition", container, range.get().begin.line));
        }
        for (FieldDeclaration field : cu.findAll(FieldDeclaration.class)) {
            for (VariableDeclarator v : field.getVariables()) {
                v.getRange()
                        .ifPresent(r -> refs.add(new Chunker.Ref(
                                v.getNameAsString(), "variable", "definition", container(field), r.begin.line)));
            }
        }
        for (ImportDeclaration imp : cu.getImports()) {
            imp.getRange()
                    .ifPresent(r -> refs.add(
                            new Chunker.Ref(imp.getName().getIdentifier(), "class", "import", null, r.begin.line)));
        }
        for (MethodCallExpr call : cu.findAll(MethodCallExpr.class)) {
            call.getName()
                    .getRange()
                    .ifPresent(r ->
                            refs.add(new Chunker.Ref(call.getNameAsString(), "method", "call", null, r.begin.line)));
        }
        for (MethodReferenceExpr ref : cu.findAll(MethodReferenceExpr.class)) {
            ref.getRange()
                    .ifPresent(
                            r -> refs.add(new Chunker.Ref(ref.getIdentifier(), "method", "call", null, r.begin.line)));
        }
        for (ObjectCreationExpr created : cu.findAll(ObjectCreationExpr.class)) {
            created.getRange()
                    .ifPresent(r -> refs.add(
                            new Chunker.Ref(created.getType().getNameAsString(), "class", "call", null, r.begin.line)));
        }
        for (ClassOrInterfaceType used : cu.findAll(ClassOrInterfaceType.class)) {
            if (used.getParentNode()
                    .filter(p -> p instanceof ObjectCreationExpr)
                    .isPresent()) {
                continue;
            }
            used.getRange()
                    .ifPresent(r ->
                            refs.add(new Chunker.Ref(used.getNameAsString(), "class", "usage", null, r.begin.line)));
        }
        return new Chunker.Parsed(defs, dedupe(refs));
    }

    /** The first line of a declaration, its javadoc included. */
    private static int start(Node node) {
        int line = node.getRange().map(r -> r.begin.line).orElse(1);
        return node.getComment()
                .flatMap(Node::getRange)
                .map(r -> Math.min(r.begin.line, line))
                .orElse(line);
    }

    /** The simple name of the type enclosing a node, or null. */
    private static String container(Node node) {
        Optional<Node> parent = node.getParentNode();
        while (parent.isPresent()) {
            if (parent.get() instanceof TypeDeclaration<?> t) {
                return t.getNameAsString();
            }
            parent = parent.get().getParentNode();
        }
        return null;
    }

    private static List<Chunker.Ref> dedupe(List<Chunker.Ref> refs) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(refs));
    }
}
